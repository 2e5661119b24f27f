package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.compliance.EvidenceKind;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems/{id}/evidence}: evidence for an obligation code of the rulebook. */
public record EvidenceRequest(
        @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9_.()-]+", message = "letters, digits and _.()- only")
        String obligationCode,
        @NotNull EvidenceKind kind,
        @NotBlank String statement,
        String reference,
        LocalDate effectiveDate,
        String reason,
        @PositiveOrZero Long expectedVersion) {
}
