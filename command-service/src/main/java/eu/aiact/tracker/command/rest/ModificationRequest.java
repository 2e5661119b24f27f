package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems/{id}/modifications}: a significant change in design or substantial modification. */
public record ModificationRequest(
        LocalDate effectiveDate,
        @NotBlank @Size(max = 2000) String description,
        @Size(max = 1000) String reason,
        @PositiveOrZero Long expectedVersion) {
}
