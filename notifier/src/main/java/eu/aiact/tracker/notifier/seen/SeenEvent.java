package eu.aiact.tracker.notifier.seen;

import java.time.Instant;

/** An event the notifier has taken in: the basis of every deadline it will watch. */
public record SeenEvent(
        String eventId,
        String systemId,
        long sequenceNumber,
        String type,
        String organisation,
        Instant recordedAt,
        Instant seenAt) {
}
