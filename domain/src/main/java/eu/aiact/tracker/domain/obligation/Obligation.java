package eu.aiact.tracker.domain.obligation;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import java.time.LocalDate;

import eu.aiact.tracker.api.system.Role;

/**
 * One obligation of one system on the date it was evaluated.
 *
 * @param code     the rule's code, e.g. {@code ART27-FRIA}; evidence is recorded against it
 * @param title    what has to be done
 * @param article  the article that imposes it, e.g. "Art. 27"
 * @param bearer   who bears it: the provider or the deployer (the organisation's role when the rule binds both)
 * @param dueDate  the date from which it applies (or by which it must be met)
 * @param status   where it stands on the evaluation date
 * @param rulebook the id of the rulebook version the rule comes from, e.g. {@code ai-act-2024}
 * @param reason   why the rule applies to this system (facts, article, transitional rule) and why it has this status, in sentences
 * @param source   the legal source of the due date, e.g. "Regulation (EU) 2024/1689, Art 113(a)"
 */
public record Obligation(String code, String title, String article, Role bearer, LocalDate dueDate, ObligationStatus status,
        String rulebook, String reason, String source) {
}
