package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Command: record that the system was registered in a public register; the category applies to the Algoritmeregister only. */
public record RecordPublicRegistration(
        @TargetAggregateIdentifier String systemId,
        PublicRegister register,
        AlgoritmeregisterCategory category,
        String registerId,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {
}
