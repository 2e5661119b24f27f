package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record that an experiment with the system started (from planned). */
public record StartExperiment(
        @TargetAggregateIdentifier String systemId,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {
}
