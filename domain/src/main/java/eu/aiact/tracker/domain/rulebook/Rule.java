package eu.aiact.tracker.domain.rulebook;

import java.util.List;

/**
 * One rule of a rulebook, compiled at load time: which systems it applies to ({@code conditions}, and the {@code bearer}'s role), when it
 * is due ({@code schedule}), what fulfils it, and the text for the obligation's reason.
 *
 * @param code           unique code; evidence is recorded against it
 * @param article        e.g. "Art. 27"
 * @param requirement    what the article requires, one sentence
 * @param notApplicable  when set, the rule is shown as NOT_APPLICABLE with this reason (e.g. a provision deleted by an amendment)
 * @param otherReadings  readings of the rule itself that the rulebook does not apply
 * @param readingsText   precomputed sentences of the other readings (and of the due milestones' other readings are added by the
 *                       engine)
 * @param dueFact        when set, the due date is that fact of the system (e.g. a review date) and the rule applies only to a system
 *                       that has it; the schedule then holds one case whose milestone gives the rule's source
 */
public record Rule(String code, String title, String article, Bearer bearer, RuleKind kind, String requirement, Condition[] conditions,
        Schedule schedule, NotBefore notBefore, List<Fulfilment> fulfilledBy, AfterEnd afterEnd, String notApplicable,
        List<Reading> otherReadings, String appliedBecause, String readingsText, DueFact dueFact) {

    /** A rule due on a milestone or by a schedule. */
    public Rule(String code, String title, String article, Bearer bearer, RuleKind kind, String requirement, Condition[] conditions,
            Schedule schedule, NotBefore notBefore, List<Fulfilment> fulfilledBy, AfterEnd afterEnd, String notApplicable,
            List<Reading> otherReadings, String appliedBecause, String readingsText) {
        this(code, title, article, bearer, kind, requirement, conditions, schedule, notBefore, fulfilledBy, afterEnd, notApplicable,
                otherReadings, appliedBecause, readingsText, null);
    }
}
