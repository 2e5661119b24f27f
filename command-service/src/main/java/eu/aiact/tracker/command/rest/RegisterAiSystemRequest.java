package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

/** Body of {@code POST /api/systems}. */
public record RegisterAiSystemRequest(
        @NotBlank String organisation,
        @NotBlank String name,
        String description,
        String purpose,
        DevelopedBy developedBy,
        String supplier,
        String model,
        Boolean generativeAi,
        Role role,
        Boolean publicAuthority,
        @NotNull Phase initialPhase,
        LocalDate effectiveDate,
        String reason) {
}
