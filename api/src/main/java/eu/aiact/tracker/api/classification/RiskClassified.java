package eu.aiact.tracker.api.classification;

import java.time.LocalDate;
import java.util.List;

/**
 * Event: the system was classified or reclassified. {@code previousRiskClass} keeps the class it replaces (UNKNOWN the first time);
 * {@code flaggedForReview} is set when a high or prohibited class was lowered.
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
        boolean flaggedForReview) {
}
