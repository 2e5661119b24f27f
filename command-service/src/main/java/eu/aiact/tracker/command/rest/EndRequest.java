package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import eu.aiact.tracker.api.system.EndReason;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST /api/systems/{id}/end}. */
public record EndRequest(
        LocalDate effectiveDate,
        @NotNull EndReason endReason,
        String explanation,
        String reason,
        @PositiveOrZero Long expectedVersion) {
}
