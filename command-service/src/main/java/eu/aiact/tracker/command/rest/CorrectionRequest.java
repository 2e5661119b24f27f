package eu.aiact.tracker.command.rest;

import eu.aiact.tracker.api.system.CorrectableFact;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST /api/systems/{id}/corrections}: the fact, its corrected value and why the recorded one was wrong. */
public record CorrectionRequest(
        @NotNull CorrectableFact fact,
        String value,
        @NotBlank String rationale,
        String reason,
        @PositiveOrZero Long expectedVersion) {
}
