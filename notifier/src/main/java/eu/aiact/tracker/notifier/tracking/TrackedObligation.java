package eu.aiact.tracker.notifier.tracking;

import java.time.LocalDate;

import eu.aiact.tracker.api.obligation.ObligationStatus;

/**
 * One obligation of a tracked system, as last evaluated by the query service.
 *
 * @param criticalWhenOverdue its rule (in the rulebook file) makes it critical when overdue on a high-risk system in use
 */
public record TrackedObligation(
        String code,
        String title,
        String article,
        String bearer,
        LocalDate dueDate,
        ObligationStatus status,
        String rulebook,
        String reason,
        String source,
        boolean criticalWhenOverdue) {

    /** An obligation that is not critical when overdue. */
    public TrackedObligation(String code, String title, String article, String bearer, LocalDate dueDate, ObligationStatus status,
            String rulebook, String reason, String source) {
        this(code, title, article, bearer, dueDate, status, rulebook, reason, source, false);
    }
}
