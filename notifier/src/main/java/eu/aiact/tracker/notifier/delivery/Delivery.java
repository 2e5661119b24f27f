package eu.aiact.tracker.notifier.delivery;

import java.time.Instant;

/**
 * One message on one channel.
 *
 * @param alertKey the message's key: an alert's key when the message is that alert alone, otherwise the key of a message of several
 *                 alerts (a system's mail of one horizon, a daily digest)
 * @param channel  the channel's id ({@code KAFKA}, {@code WEBHOOK}, {@code EMAIL})
 */
public record Delivery(long id, String alertKey, String channel, String organisation, DeliveryStatus status, int attempts,
        Instant nextAttemptAt, String lastError, Instant sentAt, Instant createdAt) {
}
