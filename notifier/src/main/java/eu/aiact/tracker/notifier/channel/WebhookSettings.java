package eu.aiact.tracker.notifier.channel;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The webhook channel ({@code tracker.notifier.channels.webhook}).
 *
 * @param maxAttempts    attempts per message before it becomes a dead letter
 * @param initialBackoff wait after the first failure; doubles after each further one
 * @param timeout        connect and response timeout of one call
 * @param allowHttp      plain http targets too (only in the development profile: the notifier refuses to start otherwise)
 * @param allowedTargets targets allowed although they are loopback, link-local or private: {@code host[:port]} (e.g.
 *                       {@code 127.0.0.1:8089}, the local stack's receiver) or a network in CIDR notation ({@code 10.20.0.0/16})
 */
@ConfigurationProperties("tracker.notifier.channels.webhook")
public record WebhookSettings(
        @DefaultValue("6") int maxAttempts,
        @DefaultValue("PT10S") Duration initialBackoff,
        @DefaultValue("PT10S") Duration timeout,
        @DefaultValue("false") boolean allowHttp,
        @DefaultValue List<String> allowedTargets) implements RetryPolicy {
}
