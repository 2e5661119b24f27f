package eu.aiact.tracker.command.rest;

import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /api/systems/{id}/classification}: a first classification or a reclassification. */
public record ClassificationRequest(
        @NotNull RiskClass riskClass,
        @Size(max = 20) List<ClassificationBasis> bases,
        Boolean annexXComponent,
        GpaiRelation gpai,
        @Size(max = 5000) String rationale,
        LocalDate effectiveDate,
        @Size(max = 1000) String reason,
        @PositiveOrZero Long expectedVersion) {
}
