package eu.aiact.tracker.command.rest;

import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * Body of {@code POST /api/systems/{id}/classification}: a first classification or a reclassification.
 *
 * @param gpaiSystemicRisk a general-purpose AI model ({@code gpai} IS_GPAI_MODEL) with systemic risk (Art 51); leave out otherwise
 * @param gpaiOpenSource   a general-purpose AI model released under a free and open-source licence (Art 53(2), 54(6))
 * @param profilesPersons  the system performs profiling of natural persons: then no Art 6(3) exemption can apply
 * @param reviewDate       optional ISO date by which the organisation will review the classification (not before its effective
 *                         date); alerts ahead of it and when it has passed (rule NL-CLASSIFICATION-REVIEW)
 */
public record ClassificationRequest(
        @NotNull RiskClass riskClass,
        List<ClassificationBasis> bases,
        Boolean annexXComponent,
        GpaiRelation gpai,
        String rationale,
        LocalDate effectiveDate,
        String reason,
        @PositiveOrZero Long expectedVersion,
        Boolean gpaiSystemicRisk,
        Boolean gpaiOpenSource,
        Boolean profilesPersons,
        LocalDate reviewDate) {
}
