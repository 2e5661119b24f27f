package eu.aiact.tracker.api.classification;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Command: classify or reclassify the system's risk.
 *
 * @param bases           the legal grounds; which kinds a class needs is checked by the aggregate
 * @param annexXComponent whether the system is a component of a large-scale EU IT system of Annex X (Art 111(1))
 * @param rationale        why; lowering a high or prohibited class needs a longer one and is flagged for review
 * Fields added after the first version are left out of its JSON when not given ({@code NON_NULL}), so that a command sent again under
 * the same idempotency key keeps the fingerprint it had before they existed.
 *
 * @param gpaiSystemicRisk for a general-purpose AI model ({@code gpai} IS_GPAI_MODEL): whether it has systemic risk (Art 51); null: not
 *                         stated (read as no)
 * @param profilesPersons  whether the system performs profiling of natural persons: such an Annex III system is always high-risk, so no
 *                         Art 6(3) exemption can apply (Art 6(3), last subparagraph); null: not stated
 * @param gpaiOpenSource   for a general-purpose AI model: whether it is released under a free and open-source licence with its
 *                         parameters public (Art 53(2), 54(6)); null: not stated (read as no)
 * @param reviewDate       the date by which the organisation commits to review the classification; not before its effective date;
 *                         null: none
 */
public record ClassifyRisk(
        @TargetAggregateIdentifier String systemId,
        RiskClass riskClass,
        List<ClassificationBasis> bases,
        Boolean annexXComponent,
        GpaiRelation gpai,
        String rationale,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean gpaiSystemicRisk,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean gpaiOpenSource,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean profilesPersons,
        @JsonInclude(JsonInclude.Include.NON_NULL) LocalDate reviewDate) {

    @JsonCreator
    public ClassifyRisk {
    }

    /** A classification without a review date. */
    public ClassifyRisk(String systemId, RiskClass riskClass, List<ClassificationBasis> bases, Boolean annexXComponent, GpaiRelation gpai,
            String rationale, LocalDate effectiveDate, Long expectedVersion, Boolean gpaiSystemicRisk, Boolean gpaiOpenSource,
            Boolean profilesPersons) {
        this(systemId, riskClass, bases, annexXComponent, gpai, rationale, effectiveDate, expectedVersion, gpaiSystemicRisk, gpaiOpenSource,
                profilesPersons, null);
    }

    /** A classification that says nothing about profiling. */
    public ClassifyRisk(String systemId, RiskClass riskClass, List<ClassificationBasis> bases, Boolean annexXComponent, GpaiRelation gpai,
            String rationale, LocalDate effectiveDate, Long expectedVersion, Boolean gpaiSystemicRisk, Boolean gpaiOpenSource) {
        this(systemId, riskClass, bases, annexXComponent, gpai, rationale, effectiveDate, expectedVersion, gpaiSystemicRisk, gpaiOpenSource,
                null, null);
    }

    /** A classification that states nothing about a general-purpose AI model's systemic risk or licence. */
    public ClassifyRisk(String systemId, RiskClass riskClass, List<ClassificationBasis> bases, Boolean annexXComponent, GpaiRelation gpai,
            String rationale, LocalDate effectiveDate, Long expectedVersion) {
        this(systemId, riskClass, bases, annexXComponent, gpai, rationale, effectiveDate, expectedVersion, null, null, null, null);
    }
}
