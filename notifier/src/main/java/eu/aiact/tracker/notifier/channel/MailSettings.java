package eu.aiact.tracker.notifier.channel;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The mail channel ({@code tracker.notifier.channels.email}); the SMTP server is {@code spring.mail.*}, the sender
 * {@code tracker.notifier.mail-from}.
 *
 * @param maxAttempts    attempts per mail before it becomes a dead letter
 * @param initialBackoff wait after the first failure; doubles after each further one
 */
@ConfigurationProperties("tracker.notifier.channels.email")
public record MailSettings(
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("PT10S") Duration initialBackoff) implements RetryPolicy {
}
