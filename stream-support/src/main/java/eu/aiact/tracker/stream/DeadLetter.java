package eu.aiact.tracker.stream;

import java.time.Instant;

/**
 * A record a consumer could not process, as an administrator sees it.
 *
 * @param position  {@code topic-partition@offset}, or the topic alone for a message that never had a position (one the service could not
 *                  send)
 * @param value     the record's value (control characters as JSON escapes)
 * @param reason    why it could not be processed
 * @param failure   the class of the innermost failure
 * @param attempts  how often it was tried
 * @param status    {@code DEAD} (waiting for an administrator), {@code RETRIED} (processed on a retry), {@code DISCARDED}
 */
public record DeadLetter(long id, String consumer, String topic, Integer partition, Long offset, String position, Instant recordTimestamp,
        String messageKey, String value, String reason, String failure, int attempts, Status status, Instant deadAt, Instant resolvedAt,
        String resolvedBy, String note) {

    public enum Status {
        DEAD,
        RETRIED,
        DISCARDED
    }
}
