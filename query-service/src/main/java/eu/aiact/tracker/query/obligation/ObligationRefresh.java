package eu.aiact.tracker.query.obligation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Statuses move with the calendar (not yet due, due soon, overdue) without any event: every night, and at start-up when the stored
 * evaluation is from an earlier day, every system's obligations are evaluated again for the new day; once a day whatever the number of
 * instances of the service ({@link ObligationProjection#refreshAllIfStale()}).
 */
@Component
public class ObligationRefresh {

    private static final Logger log = LoggerFactory.getLogger(ObligationRefresh.class);

    private final ObligationProjection projection;

    public ObligationRefresh(ObligationProjection projection) {
        this.projection = projection;
    }

    @Scheduled(cron = "${tracker.obligations.refresh-cron:0 1 0 * * *}")
    public void nightly() {
        projection.refreshAllIfStale();
    }

    @EventListener(ApplicationReadyEvent.class)
    public void atStartUp() {
        if (projection.stale()) {
            log.info("Stored obligations were evaluated on an earlier day: evaluating them again for {}", projection.today());
            projection.refreshAllIfStale();
        }
    }
}
