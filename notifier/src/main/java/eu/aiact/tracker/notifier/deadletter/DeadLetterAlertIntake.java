package eu.aiact.tracker.notifier.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.PlatformNotices;
import eu.aiact.tracker.stream.Failures;
import eu.aiact.tracker.stream.StreamHandler;
import eu.aiact.tracker.stream.StreamMessage;

/**
 * Reads the dead-letter topics ({@code <events topic>.DLT}, {@code <obligations topic>.DLT}), where stream-support copies every service's
 * new dead letters (the query service's, the notifier's own), and gives the platform's administrators one notice per consumer and record
 * position ({@link PlatformNotices#recordDeadLetter}, mailed to {@code tracker.notifier.platform-address}), in the poll's transaction.
 * <p>
 * A copy is read from its headers ({@code dlt-consumer}, {@code dlt-origin}, {@code dlt-reason}, {@code dlt-dead-at}); whatever is missing
 * or unreadable is said so in the notice (a copy without an origin is named by its own position on the dead-letter topic), so reading
 * never fails. Idempotent by itself: a copy read again (twice on the topic, a new consumer group, a rebalance) finds its notice stored and
 * sends nothing. Its own dead letters (a copy it could not handle) are kept like any other, and stream-support never copies a dead
 * letter of a {@code .DLT} topic again: there is no loop.
 */
@Component
public class DeadLetterAlertIntake implements StreamHandler<DeadLetterAlertIntake.Copy> {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAlertIntake.class);

    /** Bounds of what a header may put into a notice's key (1000 characters) and text. */
    static final int MAX_CONSUMER = 200;
    static final int MAX_ORIGIN = 300;
    static final int MAX_REASON = 2000;

    /**
     * What a dead-letter copy says.
     *
     * @param consumer which service and consumer set the record aside ({@code service/consumer})
     * @param origin   where the record is ({@code topic-partition@offset})
     * @param reason   why it could not be processed
     * @param deadAt   when it was set aside (null: unknown)
     */
    public record Copy(String consumer, String origin, String reason, Instant deadAt) {
    }

    private final PlatformNotices notices;
    private final List<String> topics;

    public DeadLetterAlertIntake(PlatformNotices notices, @Value("${tracker.events-topic}") String eventsTopic,
            @Value("${tracker.obligations-topic:aiact.obligations}") String obligationsTopic) {
        this.notices = notices;
        this.topics = List.of(eventsTopic + ".DLT", obligationsTopic + ".DLT");
    }

    @Override
    public String name() {
        return "notifier-dead-letters";
    }

    @Override
    public Collection<String> topics() {
        return topics;
    }

    @Override
    public Copy read(ConsumerRecord<String, String> record) {
        String position = StreamMessage.position(record);
        String consumer = header(record, "dlt-consumer", MAX_CONSUMER);
        String origin = header(record, "dlt-origin", MAX_ORIGIN);
        String reason = header(record, "dlt-reason", MAX_REASON);
        String deadAtText = header(record, "dlt-dead-at", 100);
        Instant deadAt = null;
        if (deadAtText != null) {
            try {
                deadAt = Instant.parse(deadAtText);
            } catch (DateTimeParseException e) {
                reason = (reason == null ? "" : reason + " ") + "(dead-letter time not readable: " + deadAtText + ")";
            }
        }
        if (deadAt == null && record.timestamp() > 0) {
            deadAt = Instant.ofEpochMilli(record.timestamp()); // when the copy was written: soon after
        }
        return new Copy(consumer == null ? "an unknown consumer (the copy names none)" : consumer,
                origin == null ? "(the copy names no origin) " + position : origin,
                reason == null ? "not given (the copy at " + position + " has no dlt-reason header)" : reason, deadAt);
    }

    @Override
    public void handle(List<StreamMessage<Copy>> messages) {
        for (StreamMessage<Copy> message : messages) {
            Copy copy = message.value();
            Alert notice = notices.recordDeadLetter(copy.consumer(), copy.origin(), copy.reason(), copy.deadAt());
            if (notice != null) {
                log.warn("Dead letter of {} at {} (copy {}): the platform's administrators are told: {}", copy.consumer(), copy.origin(),
                        message.position(), copy.reason());
            } else {
                log.info("Dead letter of {} at {} (copy {}) was told before", copy.consumer(), copy.origin(), message.position());
            }
        }
    }

    /** The header's last value as printable text (control characters escaped), cut to {@code max}; null when absent or blank. */
    private static String header(ConsumerRecord<String, String> record, String name, int max) {
        Header header = record.headers() == null ? null : record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = Failures.printable(new String(header.value(), StandardCharsets.UTF_8).strip(), max);
        return text.isEmpty() ? null : text;
    }
}
