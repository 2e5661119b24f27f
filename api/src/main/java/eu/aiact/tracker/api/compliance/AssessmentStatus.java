package eu.aiact.tracker.api.compliance;

/** Progress of an assessment; it only moves forward. */
public enum AssessmentStatus {
    PLANNED,
    IN_PROGRESS,
    DONE
}
