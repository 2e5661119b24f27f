package eu.aiact.tracker.api.rulebook;

import java.time.LocalDate;

/**
 * Event: a rulebook version became the one that applies from {@code inForceFrom} (its {@code effectiveDate}). In the history, it marks
 * when due dates moved; readers recompute every system's obligations under it.
 *
 * @param movesDecided true when what the version moved was decided as it was recorded and follows as {@link DeadlinesMoved} events
 *                     (none when nothing moved); null for events recorded before that (readers then work out what moved themselves)
 */
public record RulebookVersionApplied(
        String versionId,
        String title,
        String legalSource,
        LocalDate effectiveDate,
        Boolean movesDecided) {

    /** As recorded before what moved was decided with it. */
    public RulebookVersionApplied(String versionId, String title, String legalSource, LocalDate effectiveDate) {
        this(versionId, title, legalSource, effectiveDate, null);
    }
}
