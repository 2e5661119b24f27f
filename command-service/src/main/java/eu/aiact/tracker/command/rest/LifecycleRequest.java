package eu.aiact.tracker.command.rest;

import java.time.LocalDate;

import jakarta.validation.constraints.PositiveOrZero;

/** Body of a lifecycle step (start experiment, put into service, pause, resume); every field may be left out. */
public record LifecycleRequest(
        LocalDate effectiveDate,
        String reason,
        @PositiveOrZero Long expectedVersion) {

    static LifecycleRequest empty() {
        return new LifecycleRequest(null, null, null);
    }
}
