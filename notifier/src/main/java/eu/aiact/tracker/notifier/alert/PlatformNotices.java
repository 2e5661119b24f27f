package eu.aiact.tracker.notifier.alert;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.clock.NotifierClock;

/**
 * Notices to the platform's own address ({@code tracker.notifier.platform-address}), stored and sent like any alert (outbox, mail channel,
 * dead letters), once per key. Besides the daily coverage notice ({@link UnroutedNotices}): a record that a consumer set aside.
 */
@Component
public class PlatformNotices {

    private final AlertOutbox outbox;
    private final NotifierClock clock;

    public PlatformNotices(AlertOutbox outbox, NotifierClock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * A record a consumer set aside as a dead letter: one notice per consumer and record position, however often it is reported.
     *
     * @param consumer which service and listener set it aside, e.g. {@code query-service/projection}
     * @param origin   where the record is, e.g. {@code aiact.events-2@1834}
     * @param reason   why it could never be processed
     * @return the notice when it is new; null when it was given before
     */
    public Alert recordDeadLetter(String consumer, String origin, String reason, Instant deadAt) {
        String key = Alert.key(Alert.PLATFORM, null, null, "DEAD-LETTER:" + consumer + "@" + origin);
        String summary = "A record was set aside by " + consumer + ": " + origin;
        String text = "The consumer " + consumer + " could not process the record at " + origin + (deadAt == null ? "" : " (" + deadAt + ")")
                + " and set it aside as a dead letter, so that processing goes on for everyone else. Reason: " + reason
                + ". List, inspect, retry or discard it on that service (GET /api/admin/record-dead-letters or /api/admin/dead-letters).";
        return outbox.record(new Alert(key, AlertKind.RECORD_DEAD_LETTER, Severity.HIGH, Audience.PLATFORM, Alert.PLATFORM, null, null, null,
                "A record set aside", null, null, null, null, null, text, summary, null, List.of(), clock.realToday(), null));
    }
}
