package eu.aiact.tracker.command.rest;

import eu.aiact.tracker.api.system.CorrectableFact;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems/{id}/corrections}: the fact, its corrected value and why the recorded one was wrong. */
public record CorrectionRequest(
        @NotNull CorrectableFact fact,
        @Size(max = 2000) String value,
        @NotBlank @Size(max = 2000) String rationale,
        @Size(max = 1000) String reason,
        @PositiveOrZero Long expectedVersion) {
}
