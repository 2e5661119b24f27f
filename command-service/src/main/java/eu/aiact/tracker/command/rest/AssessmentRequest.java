package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST /api/systems/{id}/assessments}; with an {@code assessmentId} recorded before, it moves that one on. */
public record AssessmentRequest(
        String assessmentId,
        AssessmentType type,
        String name,
        @NotNull AssessmentStatus status,
        LocalDate effectiveDate,
        String reference,
        String reason,
        @PositiveOrZero Long expectedVersion) {
}
