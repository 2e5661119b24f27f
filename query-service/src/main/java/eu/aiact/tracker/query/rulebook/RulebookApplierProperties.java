package eu.aiact.tracker.query.rulebook;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the query service tells the command service that a rulebook version has become applicable.
 *
 * @param enabled           whether to check at all (tests of the query service alone switch it off)
 * @param commandServiceUrl base URL of the command service
 * @param checkInterval     how often to look for a version whose date has come and that is not in the history yet
 * @param retryDelay        how soon to try again when the command service could not be reached or refused
 */
@ConfigurationProperties("tracker.rulebooks.applier")
public record RulebookApplierProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("http://127.0.0.1:8081") URI commandServiceUrl,
        @DefaultValue("PT10M") Duration checkInterval,
        @DefaultValue("PT10S") Duration retryDelay) {
}
