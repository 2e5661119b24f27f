package eu.aiact.tracker.domain.rulebook;

import eu.aiact.tracker.domain.obligation.SystemFacts;

/**
 * One case of a schedule: when its conditions hold (and the system was in service before {@code inServiceBefore}, when given), the
 * rule is due on {@code due}'s date, or does not apply ({@code notApplicable}). {@code grandfatheredUntilModificationFrom}: a significant
 * modification on or after that milestone's date ends the transitional treatment; the rule is then due from the modification's date
 * (or the case's own due date when that is earlier).
 */
public record ScheduleCase(String id, Condition[] conditions, Condition.InServiceBefore inServiceBefore, Milestone due,
        String notApplicable, Milestone grandfatheredUntilModificationFrom, String explanation) {

    public boolean matches(SystemFacts facts) {
        return (inServiceBefore == null || inServiceBefore.test(facts)) && Condition.all(conditions, facts);
    }

    /** Whether the case holds for every system (no conditions): the last case of a schedule must. */
    public boolean catchAll() {
        return inServiceBefore == null && conditions.length == 0;
    }
}
