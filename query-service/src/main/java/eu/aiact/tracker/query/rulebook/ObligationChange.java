package eu.aiact.tracker.query.rulebook;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One due date that moved when a rulebook version became applicable. An obligation the new version adds has no old date; one it drops
 * has no new date.
 */
public record ObligationChange(
        String versionId,
        String eventId,
        String systemId,
        String organisation,
        String systemName,
        String code,
        String article,
        LocalDate oldDueDate,
        LocalDate newDueDate,
        String oldRulebook,
        String newRulebook,
        Instant changedAt) {
}
