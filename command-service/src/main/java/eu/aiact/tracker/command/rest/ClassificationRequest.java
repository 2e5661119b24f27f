package eu.aiact.tracker.command.rest;

import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Body of {@code POST /api/systems/{id}/classification}: a first classification or a reclassification. */
public record ClassificationRequest(
        @NotNull RiskClass riskClass,
        List<ClassificationBasis> bases,
        Boolean annexXComponent,
        GpaiRelation gpai,
        String rationale,
        LocalDate effectiveDate,
        String reason,
        @PositiveOrZero Long expectedVersion) {
}
