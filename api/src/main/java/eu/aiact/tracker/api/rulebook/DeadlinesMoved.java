package eu.aiact.tracker.api.rulebook;

import java.time.LocalDate;
import java.util.List;

/**
 * Event: the due dates of one organisation's systems that a rulebook version moved, as decided once when the version became applicable
 * (what the records said then), recorded in the same unit of work as its {@link RulebookVersionApplied}, on the version's own aggregate.
 * An organisation's moves come in parts of at most {@link #MAX_MOVES} (part 1 of {@code parts}, ...), so that each event stays small.
 * Readers copy the moves as they are: a rebuild gives the same rows, whatever order it reads the history in.
 *
 * @param systemsEvaluated how many systems were evaluated when the moves were decided (every system, not only this organisation's)
 */
public record DeadlinesMoved(
        String versionId,
        String organisation,
        int part,
        int parts,
        int systemsEvaluated,
        List<Move> moves) {

    /** At most this many moves in one event. */
    public static final int MAX_MOVES = 500;

    /** One due date that moved; an added obligation has no old date, a dropped one no new date. */
    public record Move(String systemId, String systemName, String code, String article, LocalDate oldDueDate, LocalDate newDueDate,
            String oldRulebook, String newRulebook) {
    }
}
