package eu.aiact.tracker.command.rulebook;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the command service records that a rulebook version has become applicable.
 *
 * @param enabled       whether to record them at all (most tests of the command service switch it off, to count their own events)
 * @param extraDir      a directory of further rule-set files ({@code *.yaml}) beside the shipped ones; empty: none. The query service
 *                      must be given the same files
 * @param checkInterval how often to look for a version whose date has come and that is not in the history yet
 * @param retryDelay    how soon to try again after a failure (the database away)
 */
@ConfigurationProperties("tracker.rulebooks")
public record RulebookApplicabilityProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String extraDir,
        @DefaultValue("PT10M") Duration checkInterval,
        @DefaultValue("PT10S") Duration retryDelay) {
}
