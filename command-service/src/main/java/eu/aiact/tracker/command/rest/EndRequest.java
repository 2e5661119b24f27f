package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.system.EndReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems/{id}/end}. */
public record EndRequest(
        LocalDate effectiveDate,
        @NotNull EndReason endReason,
        @Size(max = 2000) String explanation,
        @Size(max = 1000) String reason,
        @PositiveOrZero Long expectedVersion) {
}
