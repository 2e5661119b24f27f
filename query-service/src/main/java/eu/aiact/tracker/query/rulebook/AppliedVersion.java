package eu.aiact.tracker.query.rulebook;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A RulebookVersionApplied event as the query service received it, with what it did: how many systems it evaluated again and how many
 * due dates moved.
 */
public record AppliedVersion(
        String versionId,
        String title,
        String legalSource,
        LocalDate effectiveDate,
        String eventId,
        Instant recordedAt,
        String actor,
        int systemsRecomputed,
        int obligationsMoved) {
}
