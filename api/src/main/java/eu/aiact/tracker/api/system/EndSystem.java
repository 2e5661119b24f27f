package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record that the system ended (an experiment that stopped, or a system taken out of use). */
public record EndSystem(
        @TargetAggregateIdentifier String systemId,
        LocalDate effectiveDate,
        EndReason reason,
        String explanation,
        @TargetAggregateVersion Long expectedVersion) {
}
