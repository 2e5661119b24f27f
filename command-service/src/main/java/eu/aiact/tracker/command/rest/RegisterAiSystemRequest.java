package eu.aiact.tracker.command.rest;

import eu.aiact.tracker.api.system.Phase;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems}. */
public record RegisterAiSystemRequest(
        @NotBlank @Size(max = 200) String organisation,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @NotNull Phase initialPhase) {
}
