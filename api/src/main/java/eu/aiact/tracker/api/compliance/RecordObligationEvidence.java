package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Command: record evidence for an obligation of the rulebook, named by its code as given.
 *
 * @param statement what was done, or why the obligation does not apply
 * @param reference where the evidence is kept
 */
public record RecordObligationEvidence(
        @TargetAggregateIdentifier String systemId,
        String obligationCode,
        EvidenceKind kind,
        String statement,
        String reference,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {
}
