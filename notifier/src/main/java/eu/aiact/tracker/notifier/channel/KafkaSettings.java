package eu.aiact.tracker.notifier.channel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka channel ({@code tracker.notifier.channels.kafka}); the topic is {@code tracker.notifier.alerts-topic}.
 *
 * @param maxAttempts    attempts per alert before it becomes a dead letter
 * @param initialBackoff wait after the first failure; doubles after each further one
 * @param sendTimeout    how long one send waits for the broker's acknowledgement
 */
@ConfigurationProperties("tracker.notifier.channels.kafka")
public record KafkaSettings(
        @DefaultValue("10") int maxAttempts,
        @DefaultValue("PT5S") Duration initialBackoff,
        @DefaultValue("PT30S") Duration sendTimeout) implements RetryPolicy {
}
