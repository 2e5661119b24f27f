package eu.aiact.tracker.api.obligation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The due dates of one organisation's systems that moved when a rulebook version became applicable: one message per organisation and
 * version (the notifier turns it into one notice). Keyed by {@code rulebook:<versionId>:<organisation>}.
 *
 * @param eventId   the RulebookVersionApplied event that caused it
 * @param appliedAt when that event was recorded (null from producers that do not say): a reader notifies only of recent applications,
 *                  so that a message sent again by a rebuild or a re-publication notifies nobody
 */
public record ObligationsMoved(
        String versionId,
        String title,
        LocalDate effectiveDate,
        String organisation,
        String eventId,
        List<Move> moves,
        Instant appliedAt) implements ObligationFeedMessage {

    /** Without the time the application was recorded. */
    public ObligationsMoved(String versionId, String title, LocalDate effectiveDate, String organisation, String eventId, List<Move> moves) {
        this(versionId, title, effectiveDate, organisation, eventId, moves, null);
    }

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
