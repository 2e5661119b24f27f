package eu.aiact.tracker.domain.rulebook;

/**
 * DUTY: something to do by the due date (NOT_YET_DUE, DUE_SOON, OVERDUE, FULFILLED, NOT_APPLICABLE). PROHIBITION: a practice that must
 * have stopped by the due date; a system in use on or after it is a VIOLATION.
 */
public enum RuleKind {
    DUTY,
    PROHIBITION
}
