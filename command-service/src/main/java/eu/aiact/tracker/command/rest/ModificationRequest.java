package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST /api/systems/{id}/modifications}: a significant change in design or substantial modification. */
public record ModificationRequest(
        LocalDate effectiveDate,
        @NotBlank String description,
        String reason,
        @PositiveOrZero Long expectedVersion) {
}
