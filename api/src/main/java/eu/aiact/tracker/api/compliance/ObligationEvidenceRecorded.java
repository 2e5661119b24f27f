package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

/** Event: evidence for obligation {@code obligationCode}, valid from {@code effectiveDate}. */
public record ObligationEvidenceRecorded(
        String systemId,
        String obligationCode,
        EvidenceKind kind,
        String statement,
        String reference,
        LocalDate effectiveDate) {
}
