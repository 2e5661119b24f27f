package eu.aiact.tracker.domain.rulebook;

/**
 * What happens to a duty when the system ends: ENDS (it no longer applies; NOT_APPLICABLE with the period it applied) or CONTINUES (it
 * outlives the system's use, e.g. keeping documentation for 10 years, Art 18).
 */
public enum AfterEnd {
    ENDS,
    CONTINUES
}
