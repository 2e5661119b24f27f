package eu.aiact.tracker.notifier.alert;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;
import eu.aiact.tracker.notifier.tracking.TrackingRepository;

/**
 * Decides the alerts due on the notifier's date for every tracked system and stores the new ones with their deliveries, all in one
 * transaction. A crash before the commit loses nothing: the next sweep decides the same alerts with the same keys again.
 */
@Service
public class AlertSweeper {

    private static final Logger log = LoggerFactory.getLogger(AlertSweeper.class);
    /** Serialises sweeps across threads and notifier instances (a PostgreSQL transaction-scoped advisory lock). */
    private static final long SWEEP_LOCK = 0x4149_4143_5357_4550L;

    private final TrackingRepository tracking;
    private final AlertDecider decider;
    private final AlertOutbox outbox;
    private final AlertRepository alerts;
    private final NotifierClock clock;
    private final JdbcTemplate jdbc;

    public AlertSweeper(TrackingRepository tracking, AlertDecider decider, AlertOutbox outbox, AlertRepository alerts, NotifierClock clock,
            JdbcTemplate jdbc) {
        this.tracking = tracking;
        this.decider = decider;
        this.outbox = outbox;
        this.alerts = alerts;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    @Scheduled(fixedDelayString = "${tracker.notifier.sweep-interval:PT1M}",
            initialDelayString = "${tracker.notifier.sweep-initial-delay:PT10S}")
    public void scheduled() {
        try {
            List<Alert> created = sweep();
            if (!created.isEmpty()) {
                log.info("Sweep on {} created {} alerts", clock.today(), created.size());
            }
        } catch (RuntimeException e) {
            log.warn("Sweep failed; the next one decides again: {}", e.toString());
        }
    }

    /** Sweeps on the notifier's date. */
    @Transactional
    public List<Alert> sweep() {
        return sweep(clock.today());
    }

    /** @return the alerts this sweep stored (none that an earlier sweep stored) */
    @Transactional
    public List<Alert> sweep(LocalDate date) {
        jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", SWEEP_LOCK);
        List<Alert> created = new ArrayList<>();
        for (TrackedSystem system : tracking.all(null)) {
            for (Alert alert : decider.decide(system, date)) {
                Alert stored = outbox.record(alert);
                if (stored != null) {
                    created.add(stored);
                }
            }
        }
        outbox.scheduleDigests(date);
        return created;
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
