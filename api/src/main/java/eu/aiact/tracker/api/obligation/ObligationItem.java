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
        String source) {
}
