package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record that a paused system was resumed. */
public record ResumeSystem(
        @TargetAggregateIdentifier String systemId,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {
}
