package eu.aiact.tracker.query.view;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.system.AiSystemRecord;

/**
 * One AI system as the query service answers it ({@code GET /api/systems/{id}}, the lists, the as-of views): every recorded fact. A
 * declared contract: it changes only when this record changes, not when the stored form ({@link AiSystemRecord}) does.
 *
 * @param version          the sequence number of the system's last event, for the next command's {@code expectedVersion}
 * @param flaggedForReview a high or prohibited class was lowered: the rationale awaits review
 * @param basesToReview    recorded bases whose reference names no provision of the catalogue (stored before references were checked):
 *                         the classification awaits review; empty when every reference resolves
 * @param gpaiSystemicRisk for a general-purpose AI model: systemic risk (Art 51); null when not recorded
 * @param gpaiOpenSource   for a general-purpose AI model: released under a free and open-source licence; null when not recorded
 * @param evidence         the latest evidence per obligation code
 * @param registeredAt     when the registration was recorded
 * @param lastChangedAt    when the last event was recorded
 * @param algoritmeregisterReviewDate the review date (herzieningsdatum) of the latest Algoritmeregister registration; null when none
 * @param classificationReviewDate    the review date recorded with the latest classification; null when none
 */
public record SystemView(
        String id,
        String organisation,
        String name,
        long version,
        Phase phase,
        RiskClass riskClass,
        String description,
        String purpose,
        DevelopedBy developedBy,
        String supplier,
        String model,
        Boolean generativeAi,
        Role role,
        Boolean publicAuthority,
        Phase initialPhase,
        boolean paused,
        LocalDate pausedOn,
        String pauseReason,
        LocalDate registeredOn,
        LocalDate experimentStartedOn,
        LocalDate inServiceSince,
        LocalDate endedOn,
        EndReason endReason,
        String endExplanation,
        List<ClassificationBasis> bases,
        boolean annexXComponent,
        GpaiRelation gpai,
        Boolean gpaiSystemicRisk,
        Boolean gpaiOpenSource,
        Boolean profilesPersons,
        String classificationRationale,
        LocalDate classifiedOn,
        boolean flaggedForReview,
        List<ClassificationBasis> basesToReview,
        List<Modification> significantModifications,
        Map<String, Assessment> assessments,
        List<Registration> registrations,
        Map<String, Evidence> evidence,
        List<Correction> corrections,
        Instant registeredAt,
        Instant lastChangedAt,
        LocalDate algoritmeregisterReviewDate,
        LocalDate classificationReviewDate) {

    public record Modification(LocalDate date, String description) {
    }

    public record Assessment(String assessmentId, AssessmentType type, String name, AssessmentStatus status, LocalDate date,
            String reference) {
    }

    public record Registration(PublicRegister register, AlgoritmeregisterCategory category, String registerId, LocalDate date) {
    }

    public record Evidence(EvidenceKind kind, String statement, String reference, LocalDate date) {
    }

    public record Correction(CorrectableFact fact, String previousValue, String correctedValue, String rationale, LocalDate correctedOn,
            Instant recordedAt) {
    }

    public static SystemView of(AiSystemRecord s) {
        Map<String, Assessment> assessments = new LinkedHashMap<>();
        s.assessments().forEach((id, a) -> assessments.put(id, new Assessment(a.assessmentId(), a.type(), a.name(), a.status(), a.date(),
                a.reference())));
        Map<String, Evidence> evidence = new LinkedHashMap<>();
        s.evidence().forEach((code, e) -> evidence.put(code, new Evidence(e.kind(), e.statement(), e.reference(), e.date())));
        return new SystemView(s.id(), s.organisation(), s.name(), s.version(), s.phase(), s.riskClass(), s.description(), s.purpose(),
                s.developedBy(), s.supplier(), s.model(), s.generativeAi(), s.role(), s.publicAuthority(), s.initialPhase(), s.paused(),
                s.pausedOn(), s.pauseReason(), s.registeredOn(), s.experimentStartedOn(), s.inServiceSince(), s.endedOn(), s.endReason(),
                s.endExplanation(), s.bases(), s.annexXComponent(), s.gpai(), s.gpaiSystemicRisk(), s.gpaiOpenSource(), s.profilesPersons(),
                s.classificationRationale(), s.classifiedOn(),
                s.flaggedForReview(), s.basesToReview(),
                s.significantModifications().stream().map(m -> new Modification(m.date(), m.description())).toList(),
                assessments,
                s.registrations().stream().map(r -> new Registration(r.register(), r.category(), r.registerId(), r.date())).toList(),
                evidence,
                s.corrections().stream().map(c -> new Correction(c.fact(), c.previousValue(), c.correctedValue(), c.rationale(),
                        c.correctedOn(), c.recordedAt())).toList(),
                s.registeredAt(), s.lastChangedAt(), s.algoritmeregisterReviewDate(), s.classificationReviewDate());
    }
}
