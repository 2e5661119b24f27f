package eu.aiact.tracker.api.obligation;

import java.time.LocalDate;
import java.util.List;

/**
 * The due dates of one organisation's systems that moved when a rulebook version became applicable: one message per organisation and
 * version (the notifier turns it into one notice). Keyed by {@code rulebook:<versionId>:<organisation>}.
 *
 * @param eventId the RulebookVersionApplied event that caused it
 */
public record ObligationsMoved(
        String versionId,
        String title,
        LocalDate effectiveDate,
        String organisation,
        String eventId,
        List<Move> moves) implements ObligationFeedMessage {

    @Override
    public String key() {
        return keyOf(versionId, organisation);
    }

    public static String keyOf(String versionId, String organisation) {
        return "rulebook:" + versionId + ":" + organisation;
    }

    /** One due date that moved; an added obligation has no old date, a dropped one no new date. */
    public record Move(String systemId, String systemName, String code, String article, LocalDate oldDueDate, LocalDate newDueDate,
            String oldRulebook, String newRulebook) {
    }
}
