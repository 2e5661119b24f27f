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
 */
public record Rule(String code, String title, String article, Bearer bearer, RuleKind kind, String requirement, Condition[] conditions,
        Schedule schedule, NotBefore notBefore, List<Fulfilment> fulfilledBy, AfterEnd afterEnd, String notApplicable,
        List<Reading> otherReadings, String appliedBecause, String readingsText) {
}
