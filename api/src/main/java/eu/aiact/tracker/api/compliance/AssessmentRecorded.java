package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

/** Event: an assessment was recorded or moved on; {@code previousStatus} is empty the first time. */
public record AssessmentRecorded(
        String systemId,
        String assessmentId,
        AssessmentType type,
        String name,
        AssessmentStatus status,
        LocalDate effectiveDate,
        String reference,
        AssessmentStatus previousStatus) {
}
