package eu.aiact.tracker.stream;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every consumer of the service treats failures and how its streams are watched ({@code tracker.stream.*}).
 *
 * @param permanentAttempts  tries of a record that fails for a reason that will not go away (a value the database refuses, a constraint
 *                           that can never hold, a bug) before it becomes a dead letter and processing goes on
 * @param permanentBackoff   wait after the first such failure; grows by itself with each try
 * @param transientBackoff   first wait before a poll that failed because the database or the broker is away is tried again (never
 *                           skipped); doubles up to {@code transientMaxBackoff}
 * @param transientMaxBackoff the longest wait between those tries
 * @param monitorInterval    how often lag, the oldest unprocessed record and stuck partitions are measured
 * @param stuckAfter         a partition whose committed position has not moved for this long while it has records is stuck
 * @param deadLettersPath    where the administrators' dead-letter REST is ({@code GET}, {@code GET /{id}}, {@code POST /{id}/retry},
 *                           {@code POST /{id}/discard})
 * @param deadLetterTopics   copy every dead letter to {@code <topic>.DLT}, where the notifier reads them to alert the platform's
 *                           administrators
 * @param publishInterval    how often dead letters not yet copied to their topic are sent
 * @param rebuildCheckInterval how often each instance looks whether a rebuild generation runs that it has not joined (another instance
 *                           asked for it), or whose partitions were all replayed (to finish it)
 */
@ConfigurationProperties("tracker.stream")
public record StreamProperties(
        @DefaultValue("3") int permanentAttempts,
        @DefaultValue("PT0.1S") Duration permanentBackoff,
        @DefaultValue("PT0.5S") Duration transientBackoff,
        @DefaultValue("PT30S") Duration transientMaxBackoff,
        @DefaultValue("PT10S") Duration monitorInterval,
        @DefaultValue("PT60S") Duration stuckAfter,
        @DefaultValue("/api/admin/dead-letters") String deadLettersPath,
        @DefaultValue("true") boolean deadLetterTopics,
        @DefaultValue("PT1S") Duration publishInterval,
        @DefaultValue("PT2S") Duration rebuildCheckInterval) {
}
