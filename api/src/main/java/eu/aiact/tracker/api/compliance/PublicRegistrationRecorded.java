package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

/** Event: the system was registered in {@code register} under {@code registerId} on {@code effectiveDate}. */
public record PublicRegistrationRecorded(
        String systemId,
        PublicRegister register,
        AlgoritmeregisterCategory category,
        String registerId,
        LocalDate effectiveDate) {
}
