package eu.aiact.tracker.domain.rulebook;

/**
 * Moves a due date later when the system's own history starts the duty later than the milestone: IN_SERVICE (the duty applies from
 * first use, e.g. a FRIA before first use of a system put into service after the milestone), SIGNIFICANT_MODIFICATION (from the latest
 * significant modification), NONE.
 */
public enum NotBefore {
    NONE,
    IN_SERVICE,
    SIGNIFICANT_MODIFICATION
}
