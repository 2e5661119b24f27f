package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record that the system was put into service (Art 3(11)) on a date, which may lie in the past. */
public record PutIntoService(
        @TargetAggregateIdentifier String systemId,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {
}
