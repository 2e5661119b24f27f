package eu.aiact.tracker.notifier.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsRepository;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;
import eu.aiact.tracker.notifier.tracking.TrackingRepository;

/**
 * Decides the alerts due on the notifier's date for every tracked system and stores the new ones with their deliveries, all in one
 * transaction. A crash before the commit loses nothing: the next sweep decides the same alerts with the same keys again. The tracked
 * systems are read a page at a time and each page's alerts are stored with one statement (and their deliveries with another), so
 * that a sweep over a million obligations holds only a page in memory.
 */
@Service
public class AlertSweeper {

    private static final Logger log = LoggerFactory.getLogger(AlertSweeper.class);
    /** Serialises sweeps across threads and notifier instances (a PostgreSQL transaction-scoped advisory lock). */
    private static final long SWEEP_LOCK = 0x4149_4143_5357_4550L;
    /** Systems read, decided and stored at a time: the sweep holds one page (about four obligations per system) in memory. */
    public static final int PAGE_SIZE = 1000;

    private final TrackingRepository tracking;
    private final AlertDecider decider;
    private final AlertOutbox outbox;
    private final AlertRepository alerts;
    private final NotifierClock clock;
    private final JdbcTemplate jdbc;
    private final RecipientsRepository recipients;

    public AlertSweeper(TrackingRepository tracking, AlertDecider decider, AlertOutbox outbox, AlertRepository alerts, NotifierClock clock,
            JdbcTemplate jdbc, RecipientsRepository recipients) {
        this.tracking = tracking;
        this.decider = decider;
        this.outbox = outbox;
        this.alerts = alerts;
        this.clock = clock;
        this.jdbc = jdbc;
        this.recipients = recipients;
    }

    @Scheduled(fixedDelayString = "${tracker.notifier.sweep-interval:PT1M}",
            initialDelayString = "${tracker.notifier.sweep-initial-delay:PT10S}")
    public void scheduled() {
        try {
            LocalDate today = clock.today();
            Result result = sweep(today, 0);
            if (result.created() > 0) {
                log.info("Sweep on {} created {} alerts", today, result.created());
            }
        } catch (RuntimeException e) {
            log.warn("Sweep failed; the next one decides again: {}", e.toString());
        }
    }

    /** @return the alerts this sweep stored (none that an earlier sweep stored), all of them */
    @Transactional
    public List<Alert> sweep(LocalDate date) {
        return sweep(date, Integer.MAX_VALUE).first();
    }

    /**
     * Decides the alerts due on the date for every tracked system, a page of systems at a time, and stores the new ones with their
     * deliveries, page by page but all in this one transaction.
     *
     * @param keep how many of the stored alerts to return (the first ones, in system id order); the count covers all of them
     */
    @Transactional
    public Result sweep(LocalDate date, int keep) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SWEEP_LOCK);
        Map<String, Recipients> recipients = this.recipients.all();
        List<Alert> first = new ArrayList<>();
        long[] created = {0};
        tracking.forEachPage(PAGE_SIZE, systems -> {
            List<Alert> decided = new ArrayList<>();
            for (TrackedSystem system : systems) {
                decided.addAll(decider.decide(system, date));
            }
            for (Alert stored : outbox.recordAll(decided, recipients::get)) {
                created[0]++;
                if (first.size() < keep) {
                    first.add(stored);
                }
            }
        });
        outbox.scheduleDigests(date);
        return new Result(created[0], first);
    }

    /**
     * What a sweep stored.
     *
     * @param created how many new alerts it stored
     * @param first   the first of them, as many as asked for
     */
    public record Result(long created, List<Alert> first) {
    }

    /**
     * What a sweep on the date would decide for the organisations (null: all of them), without storing or sending anything; each marked
     * whether it is stored already.
     */
    @Transactional(readOnly = true)
    public List<Preview> preview(LocalDate date, Set<String> organisations) {
        List<Preview> previews = new ArrayList<>();
        for (TrackedSystem system : tracking.all(organisations)) {
            for (Alert alert : decider.decide(system, date)) {
                previews.add(new Preview(alerts.exists(alert.key()), alert));
            }
        }
        return previews;
    }

    /** @param alreadyStored true when an earlier sweep stored this key (so a sweep on that date would not produce it again) */
    public record Preview(boolean alreadyStored, Alert alert) {
    }
}
