package eu.aiact.tracker.domain.rulebook;

import java.util.List;

import eu.aiact.tracker.domain.obligation.SystemFacts;

/** An ordered list of cases that decide a rule's due date; the first case that matches applies. The last case matches always. */
public record Schedule(String id, List<ScheduleCase> cases) {

    public ScheduleCase select(SystemFacts facts) {
        for (ScheduleCase c : cases) {
            if (c.matches(facts)) {
                return c;
            }
        }
        return cases.get(cases.size() - 1);
    }
}
