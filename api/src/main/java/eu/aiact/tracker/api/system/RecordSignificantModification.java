package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record a significant change in design or substantial modification (Art 3(23), Art 111(2)). */
public record RecordSignificantModification(
        @TargetAggregateIdentifier String systemId,
        LocalDate effectiveDate,
        String description,
        @TargetAggregateVersion Long expectedVersion) {
}
