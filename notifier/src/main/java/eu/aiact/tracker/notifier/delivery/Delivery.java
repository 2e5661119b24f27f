package eu.aiact.tracker.notifier.delivery;

import java.time.Instant;

/** One alert (or digest) on one channel. */
public record Delivery(long id, String alertKey, Channel channel, String organisation, DeliveryStatus status, int attempts,
        Instant nextAttemptAt, String lastError, Instant sentAt, Instant createdAt) {
}
