package eu.aiact.tracker.api.classification;

import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Event: the system was classified or reclassified. {@code previousRiskClass} keeps the class it replaces (UNKNOWN the first time);
 * {@code flaggedForReview} is set when a high or prohibited class was lowered. Published contract: never change the meaning of a field.
 * {@code gpaiSystemicRisk} and {@code gpaiOpenSource} were added later: events recorded before lack them (null), and readers take them
 * as no.
 *
 * @param bases            the legal grounds, each naming a provision of the catalogue by its canonical id (events recorded before
 *                         references were checked may hold other text: readers resolve them through the catalogue's aliases)
 * @param gpaiSystemicRisk for a general-purpose AI model: it has systemic risk (Art 51); null when not stated
 * @param gpaiOpenSource   for a general-purpose AI model: released under a free and open-source licence (Art 53(2), 54(6)); null when
 *                         not stated
 * @param reviewDate       the date by which the organisation committed to review the classification (added later: null in events
 *                         recorded before, read as no review date)
 */
public record RiskClassified(
        String systemId,
        LocalDate effectiveDate,
        RiskClass riskClass,
        List<ClassificationBasis> bases,
        boolean annexXComponent,
        GpaiRelation gpai,
        String rationale,
        RiskClass previousRiskClass,
        boolean flaggedForReview,
        Boolean gpaiSystemicRisk,
        Boolean gpaiOpenSource,
        Boolean profilesPersons,
        LocalDate reviewDate) {

    @JsonCreator
    public RiskClassified {
    }

    /** A classification without a review date (recorded before the fact existed). */
    public RiskClassified(String systemId, LocalDate effectiveDate, RiskClass riskClass, List<ClassificationBasis> bases,
            boolean annexXComponent, GpaiRelation gpai, String rationale, RiskClass previousRiskClass, boolean flaggedForReview,
            Boolean gpaiSystemicRisk, Boolean gpaiOpenSource, Boolean profilesPersons) {
        this(systemId, effectiveDate, riskClass, bases, annexXComponent, gpai, rationale, previousRiskClass, flaggedForReview,
                gpaiSystemicRisk, gpaiOpenSource, profilesPersons, null);
    }

    /** A classification that says nothing about profiling (recorded before the fact existed). */
    public RiskClassified(String systemId, LocalDate effectiveDate, RiskClass riskClass, List<ClassificationBasis> bases,
            boolean annexXComponent, GpaiRelation gpai, String rationale, RiskClass previousRiskClass, boolean flaggedForReview,
            Boolean gpaiSystemicRisk, Boolean gpaiOpenSource) {
        this(systemId, effectiveDate, riskClass, bases, annexXComponent, gpai, rationale, previousRiskClass, flaggedForReview,
                gpaiSystemicRisk, gpaiOpenSource, null, null);
    }

    /** A classification that states nothing about a general-purpose AI model's systemic risk or licence. */
    public RiskClassified(String systemId, LocalDate effectiveDate, RiskClass riskClass, List<ClassificationBasis> bases,
            boolean annexXComponent, GpaiRelation gpai, String rationale, RiskClass previousRiskClass, boolean flaggedForReview) {
        this(systemId, effectiveDate, riskClass, bases, annexXComponent, gpai, rationale, previousRiskClass, flaggedForReview, null, null,
                null, null);
    }
}
