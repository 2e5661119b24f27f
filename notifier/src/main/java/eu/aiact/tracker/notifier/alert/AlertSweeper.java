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
import eu.aiact.tracker.notifier.recipients.RecipientsDirectory;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;
import eu.aiact.tracker.notifier.tracking.TrackingRepository;

/**
 * Decides the alerts due today (the real date, whatever the settable clock says) for every tracked system and stores the new ones with
 * their deliveries, all in one transaction. A crash before the commit loses nothing: the next sweep decides the same alerts with the same
 * keys again. The tracked systems are read a page at a time and each page's alerts are stored with one statement (and their deliveries
 * with another), so that a sweep over a million obligations holds only a page in memory. After the alerts, the platform's daily notice
 * of alerts that reached no person is decided.
 */
@Service
public class AlertSweeper {

    private static final Logger log = LoggerFactory.getLogger(AlertSweeper.class);
    /** Serialises sweeps (real and simulated) across threads and notifier instances (a PostgreSQL transaction-scoped advisory lock). */
    public static final long SWEEP_LOCK = 0x4149_4143_5357_4550L;
    /** Systems read, decided and stored at a time: the sweep holds one page (about four obligations per system) in memory. */
    public static final int PAGE_SIZE = 1000;

    private final TrackingRepository tracking;
    private final AlertDecider decider;
    private final AlertOutbox outbox;
    private final AlertRepository alerts;
    private final AcknowledgementRepository acknowledgements;
    private final UnroutedNotices notices;
    private final NotifierClock clock;
    private final JdbcTemplate jdbc;
    private final RecipientsDirectory recipients;

    public AlertSweeper(TrackingRepository tracking, AlertDecider decider, AlertOutbox outbox, AlertRepository alerts,
            AcknowledgementRepository acknowledgements, UnroutedNotices notices, NotifierClock clock, JdbcTemplate jdbc,
            RecipientsDirectory recipients) {
        this.tracking = tracking;
        this.decider = decider;
        this.outbox = outbox;
        this.alerts = alerts;
        this.acknowledgements = acknowledgements;
        this.notices = notices;
        this.clock = clock;
        this.jdbc = jdbc;
        this.recipients = recipients;
    }

    @Scheduled(fixedDelayString = "${tracker.notifier.sweep-interval:PT1M}",
            initialDelayString = "${tracker.notifier.sweep-initial-delay:PT10S}")
    public void scheduled() {
        try {
            Result result = sweep(0);
            if (result.created() > 0) {
                log.info("Sweep on {} created {} alerts", result.date(), result.created());
            }
        } catch (RuntimeException e) {
            log.warn("Sweep failed; the next one decides again: {}", e.toString());
        }
    }

    /** @return the alerts this sweep stored (none that an earlier sweep stored), all of them */
    @Transactional
    public List<Alert> sweep() {
        return sweep(Integer.MAX_VALUE).first();
    }

    /**
     * Decides the alerts due today for every tracked system, a page of systems at a time, and stores the new ones with their
     * deliveries, page by page but all in this one transaction.
     *
     * @param keep how many of the stored alerts to return (the first ones, in system id order); the count covers all of them
     */
    @Transactional
    public Result sweep(int keep) {
        LocalDate today = clock.realToday();
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SWEEP_LOCK);
        Map<String, Recipients> recipients = this.recipients.all();
        List<Alert> first = new ArrayList<>();
        long[] created = {0};
        tracking.forEachPage(PAGE_SIZE, systems -> {
            List<Alert> decided = new ArrayList<>();
            for (TrackedSystem system : systems) {
                decided.addAll(decider.decide(system, today));
            }
            // the alerts stored before (after the day's first sweep, nearly all) are left out with one lookup of their keys
            List<Alert> fresh = acknowledgements.attachLatest(alerts.keyed(decided).fresh());
            for (Alert stored : outbox.recordAll(fresh, recipients::get)) {
                created[0]++;
                if (first.size() < keep) {
                    first.add(stored);
                }
            }
        });
        Alert notice = notices.daily(today);
        if (notice != null) {
            log.info("Daily notice {}: {}", notice.key(), notice.summary());
        }
        return new Result(today, created[0], first);
    }

    /**
     * What a sweep stored.
     *
     * @param date    the date it decided on (always the real date)
     * @param created how many new alerts it stored
     * @param first   the first of them, as many as asked for
     */
    public record Result(LocalDate date, long created, List<Alert> first) {
    }

    /**
     * What a sweep on the date would decide for the organisations (null: all of them), without storing or sending anything; each marked
     * whether it is stored already (for real: simulations are not looked at).
     */
    @Transactional(readOnly = true)
    public List<Preview> preview(LocalDate date, Set<String> organisations) {
        List<Alert> decided = new ArrayList<>();
        for (TrackedSystem system : tracking.all(organisations)) {
            decided.addAll(decider.decide(system, date));
        }
        AlertRepository.Keyed keyed = alerts.keyed(decided);
        return keyed.alerts().stream().map(alert -> new Preview(keyed.stored().contains(alert.key()), alert)).toList();
    }

    /** @param alreadyStored true when an earlier (real) sweep stored this key (so a sweep on that date would not produce it again) */
    public record Preview(boolean alreadyStored, Alert alert) {
    }
}
