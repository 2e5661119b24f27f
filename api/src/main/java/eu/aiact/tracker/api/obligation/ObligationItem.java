package eu.aiact.tracker.api.obligation;

import java.time.LocalDate;

import eu.aiact.tracker.api.system.Role;

/**
 * One obligation of one system as the obligation engine evaluated it.
 *
 * @param code     the rule's code, e.g. {@code ART27-FRIA}
 * @param article  e.g. "Art. 27"
 * @param dueDate  the date it applies from or must be met by; null for some not-applicable ones
 * @param status   on the evaluation date
 * @param rulebook the rulebook version the rule comes from
 * @param reason   why it applies, with its legal reading
 * @param source   the legal source of the due date
 * @param criticalWhenOverdue the rule says that this obligation overdue on a high-risk system in use is critical (alerted at once);
 *                 null when the producer does not say (read as false)
 */
public record ObligationItem(
        String code,
        String title,
        String article,
        Role bearer,
        LocalDate dueDate,
        ObligationStatus status,
        String rulebook,
        String reason,
        String source,
        Boolean criticalWhenOverdue) {

    /** An obligation whose rule does not make it critical when overdue. */
    public ObligationItem(String code, String title, String article, Role bearer, LocalDate dueDate, ObligationStatus status, String rulebook,
            String reason, String source) {
        this(code, title, article, bearer, dueDate, status, rulebook, reason, source, null);
    }
}
