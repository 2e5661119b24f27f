package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.PublicRegister;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Body of {@code POST /api/systems/{id}/registrations}: an entry in the Algoritmeregister or the EU database.
 *
 * @param reviewDate optional, Algoritmeregister only: the entry's review date (herzieningsdatum), an ISO date not before the effective
 *                   date; alerts ahead of it and when it has passed (rule NL-ALGORITMEREGISTER-REVIEW)
 */
public record RegistrationRequest(
        @NotNull PublicRegister register,
        AlgoritmeregisterCategory category,
        @NotBlank String registerId,
        LocalDate effectiveDate,
        String reason,
        @PositiveOrZero Long expectedVersion,
        LocalDate reviewDate) {
}
