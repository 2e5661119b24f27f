package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems/{id}/assessments}; with an {@code assessmentId} recorded before, it moves that one on. */
public record AssessmentRequest(
        @Size(max = 100) String assessmentId,
        AssessmentType type,
        @Size(max = 200) String name,
        @NotNull AssessmentStatus status,
        LocalDate effectiveDate,
        @Size(max = 500) String reference,
        @Size(max = 1000) String reason,
        @PositiveOrZero Long expectedVersion) {
}
