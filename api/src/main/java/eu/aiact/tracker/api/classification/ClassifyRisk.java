package eu.aiact.tracker.api.classification;

import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Command: classify or reclassify the system's risk.
 *
 * @param bases           the legal grounds; which kinds a class needs is checked by the aggregate
 * @param annexXComponent whether the system is a component of a large-scale EU IT system of Annex X (Art 111(1))
 * @param rationale       why; lowering a high or prohibited class needs a longer one and is flagged for review
 */
public record ClassifyRisk(
        @TargetAggregateIdentifier String systemId,
        RiskClass riskClass,
        List<ClassificationBasis> bases,
        Boolean annexXComponent,
        GpaiRelation gpai,
        String rationale,
        LocalDate effectiveDate,
        @TargetAggregateVersion Long expectedVersion) {
}
