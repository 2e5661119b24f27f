package eu.aiact.tracker.api.compliance;

import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Command: record that the system was registered in a public register; the category applies to the Algoritmeregister only.
 * Fields added after the first version are left out of its JSON when not given ({@code NON_NULL}), so that a command sent again under
 * the same idempotency key keeps the fingerprint it had before they existed.
 *
 * @param reviewDate for the Algoritmeregister: the entry's review date (herzieningsdatum); not before the effective date; null: none
 */
public record RecordPublicRegistration(
        @TargetAggregateIdentifier String systemId,
        PublicRegister register,
        AlgoritmeregisterCategory category,
        String registerId,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate reviewDate) {

    @JsonCreator
    public RecordPublicRegistration {
    }

    /** A registration without a review date. */
    public RecordPublicRegistration(String systemId, PublicRegister register, AlgoritmeregisterCategory category, String registerId,
            LocalDate effectiveDate, Long expectedVersion) {
        this(systemId, register, category, registerId, effectiveDate, expectedVersion, null);
    }
}
