package eu.aiact.tracker.api.rulebook;

import java.time.LocalDate;

/**
 * Event: a rulebook version became the one that applies from {@code inForceFrom} (its {@code effectiveDate}). In the history, it marks
 * when due dates moved; readers recompute every system's obligations under it.
 */
public record RulebookVersionApplied(
        String versionId,
        String title,
        String legalSource,
        LocalDate effectiveDate) {
}
