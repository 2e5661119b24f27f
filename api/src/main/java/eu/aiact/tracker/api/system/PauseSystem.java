package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record that an experiment or a system in use was temporarily paused. */
public record PauseSystem(
        @TargetAggregateIdentifier String systemId,
        LocalDate effectiveDate,
        String reason,
        @TargetAggregateVersion Long expectedVersion) {
}
