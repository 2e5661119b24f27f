package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Command: record an assessment, or its progress when {@code assessmentId} names one recorded before.
 *
 * @param name      what the assessment is called, required for OTHER
 * @param reference where the report is kept
 */
public record RecordAssessment(
        @TargetAggregateIdentifier String systemId,
        String assessmentId,
        AssessmentType type,
        String name,
        AssessmentStatus status,
        LocalDate effectiveDate,
        String reference,
        @TargetAggregateVersion Long expectedVersion) {
}
