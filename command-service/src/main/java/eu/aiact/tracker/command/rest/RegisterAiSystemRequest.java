package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems}. */
public record RegisterAiSystemRequest(
        @NotBlank @Size(max = 200) String organisation,
        @NotBlank @Size(max = 200) String name,
        @Size(max = 2000) String description,
        @Size(max = 200) String purpose,
        DevelopedBy developedBy,
        @Size(max = 200) String supplier,
        @Size(max = 200) String model,
        Boolean generativeAi,
        Role role,
        Boolean publicAuthority,
        @NotNull Phase initialPhase,
        LocalDate effectiveDate,
        @Size(max = 1000) String reason) {
}
