package eu.aiact.tracker.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AssessmentRecorded;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.ExperimentStarted;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.api.system.SignificantModificationRecorded;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.api.system.SystemResumed;
import eu.aiact.tracker.domain.obligation.SystemFacts;

/** The one fold of an AI system's events, which the command side decides on and the query side stores and reads. */
class AiSystemRecordTest {

    private static final Instant RECORDED = Instant.parse("2026-03-04T10:15:00Z");
    private static final String ID = "s-1";

    private static AiSystemRegistered registered(Phase phase, LocalDate effective) {
        return new AiSystemRegistered(ID, "Gemeente Utrecht", "Bijstandssignalering", "Flags applications", phase, "Fraud detection",
                DevelopedBy.PURCHASED, "Acme", "GBM v2", false, Role.DEPLOYER, true, effective);
    }

    private static AiSystemRecord fold(Object... events) {
        AiSystemRecord record = new AiSystemRecord();
        for (int i = 0; i < events.length; i++) {
            record.apply(events[i], i, RECORDED.plusSeconds(i));
        }
        return record;
    }

    @Test
    void aRegistrationSetsTheFactsAndThePhaseStart() {
        AiSystemRecord r = fold(registered(Phase.EXPERIMENT, LocalDate.of(2023, 2, 1)));
        assertThat(r.exists()).isTrue();
        assertThat(r.id()).isEqualTo(ID);
        assertThat(r.organisation()).isEqualTo("Gemeente Utrecht");
        assertThat(r.phase()).isEqualTo(Phase.EXPERIMENT);
        assertThat(r.initialPhase()).isEqualTo(Phase.EXPERIMENT);
        assertThat(r.registeredOn()).isEqualTo(LocalDate.of(2023, 2, 1));
        assertThat(r.experimentStartedOn()).isEqualTo(LocalDate.of(2023, 2, 1));
        assertThat(r.inServiceSince()).isNull();
        assertThat(r.version()).isZero();
        assertThat(r.registeredAt()).isEqualTo(RECORDED);
        assertThat(r.riskClass()).isEqualTo(RiskClass.UNKNOWN);
    }

    /** Both sides once differed here: the aggregate left the date empty and skipped its date checks. */
    @Test
    void aRegistrationWithoutAnEffectiveDateTakesEffectOnTheDayItWasRecorded() {
        AiSystemRecord r = fold(registered(Phase.IN_USE, null));
        assertThat(r.registeredOn()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(r.inServiceSince()).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(r.currentValue(CorrectableFact.REGISTERED_ON)).isEqualTo("2026-03-04");
        assertThat(r.lastLifecycleDate()).isEqualTo(LocalDate.of(2026, 3, 4));
    }

    @Test
    void theLifecycleInOrderWithPauseAndResume() {
        AiSystemRecord r = fold(registered(Phase.PLANNED, LocalDate.of(2023, 1, 1)),
                new ExperimentStarted(ID, LocalDate.of(2023, 2, 1)),
                new SystemPutIntoService(ID, LocalDate.of(2023, 9, 1), Phase.EXPERIMENT),
                new SystemPaused(ID, LocalDate.of(2024, 1, 10), "audit"));
        assertThat(r.phase()).isEqualTo(Phase.IN_USE);
        assertThat(r.paused()).isTrue();
        assertThat(r.pausedOn()).isEqualTo(LocalDate.of(2024, 1, 10));
        assertThat(r.pauseReason()).isEqualTo("audit");
        assertThat(r.toFacts().paused()).isTrue();
        assertThat(r.lastLifecycleDate()).isEqualTo(LocalDate.of(2024, 1, 10));

        r.apply(new SystemResumed(ID, LocalDate.of(2024, 2, 1)), 4, RECORDED);
        assertThat(r.paused()).isFalse();
        assertThat(r.pausedOn()).isNull();
        assertThat(r.resumedOn()).isEqualTo(LocalDate.of(2024, 2, 1));
        // a later end or pause may not lie before the resumption
        assertThat(r.lastLifecycleDate()).isEqualTo(LocalDate.of(2024, 2, 1));

        r.apply(new SystemEnded(ID, LocalDate.of(2025, 5, 1), EndReason.REPLACED, null, Phase.IN_USE), 5, RECORDED);
        assertThat(r.phase()).isEqualTo(Phase.ENDED);
        assertThat(r.endedOn()).isEqualTo(LocalDate.of(2025, 5, 1));
        assertThat(r.currentValue(CorrectableFact.END_REASON)).isEqualTo("REPLACED");
        assertThat(r.version()).isEqualTo(5);
    }

    @Test
    void classificationAssessmentsRegistrationsEvidenceAndModificationsReachTheEnginesFacts() {
        AiSystemRecord r = fold(registered(Phase.IN_USE, LocalDate.of(2023, 9, 1)),
                new RiskClassified(ID, LocalDate.of(2024, 1, 1), RiskClass.HIGH, List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA,
                        "III.5(a)")), false, GpaiRelation.NONE, "benefits", RiskClass.UNKNOWN, false),
                new AssessmentRecorded(ID, "fria", AssessmentType.FRIA, null, AssessmentStatus.PLANNED, LocalDate.of(2027, 1, 10), null,
                        null),
                new AssessmentRecorded(ID, "fria", AssessmentType.FRIA, null, AssessmentStatus.DONE, LocalDate.of(2026, 2, 1), "dms://f",
                        AssessmentStatus.PLANNED),
                new PublicRegistrationRecorded(ID, PublicRegister.EU_DATABASE, null, "EU-1", LocalDate.of(2026, 2, 2)),
                new ObligationEvidenceRecorded(ID, "ART26-DEPLOYER-DUTIES", EvidenceKind.FULFILLED, "logs kept", null,
                        LocalDate.of(2026, 2, 3)),
                new SignificantModificationRecorded(ID, LocalDate.of(2026, 9, 1), "retrained"));
        assertThat(r.assessments()).containsOnlyKeys("fria");
        assertThat(r.assessments().get("fria").status()).isEqualTo(AssessmentStatus.DONE);
        SystemFacts facts = r.toFacts();
        assertThat(facts.riskClass()).isEqualTo(RiskClass.HIGH);
        assertThat(facts.bases()).extracting(ClassificationBasis::reference).containsExactly("III.5(a)");
        assertThat(facts.assessments()).extracting(SystemFacts.Assessment::status).containsExactly(AssessmentStatus.DONE);
        assertThat(facts.registrations()).extracting(SystemFacts.Registration::registerId).containsExactly("EU-1");
        assertThat(facts.evidence()).containsOnlyKeys("ART26-DEPLOYER-DUTIES");
        assertThat(facts.significantModifications()).containsExactly(LocalDate.of(2026, 9, 1));
        assertThat(facts.publicAuthority()).isTrue();
        assertThat(r.classifiedOn()).isEqualTo(LocalDate.of(2024, 1, 1));
    }

    @Test
    void correctionsReplaceTheFactAndMoveTheDatesThatAreOneFact() {
        AiSystemRecord r = fold(registered(Phase.IN_USE, LocalDate.of(2023, 9, 1)),
                new FactCorrected(ID, LocalDate.of(2026, 3, 4), CorrectableFact.SUPPLIER, "Acme", "Acme B.V.", "contract"),
                new FactCorrected(ID, LocalDate.of(2026, 3, 4), CorrectableFact.REGISTERED_ON, "2023-09-01", "2023-08-01", "typo"),
                new FactCorrected(ID, LocalDate.of(2026, 3, 4), CorrectableFact.GENERATIVE_AI, "false", "true", "it is"));
        assertThat(r.supplier()).isEqualTo("Acme B.V.");
        // registered as in use: registration and service start are one fact
        assertThat(r.registeredOn()).isEqualTo(LocalDate.of(2023, 8, 1));
        assertThat(r.inServiceSince()).isEqualTo(LocalDate.of(2023, 8, 1));
        assertThat(r.generativeAi()).isTrue();
        assertThat(r.corrections()).hasSize(3);
        assertThat(r.currentValue(CorrectableFact.SUPPLIER)).isEqualTo("Acme B.V.");
    }

    @Test
    void factsNeverRecordedHaveNoCurrentValueButTextsAreEmpty() {
        AiSystemRecord r = fold(new AiSystemRegistered(ID, "Org", "Name", null, Phase.PLANNED, null, null, null, null, null, null, null,
                LocalDate.of(2024, 1, 1)));
        assertThat(r.currentValue(CorrectableFact.ROLE)).isNull();
        assertThat(r.currentValue(CorrectableFact.IN_SERVICE_SINCE)).isNull();
        assertThat(r.currentValue(CorrectableFact.ENDED_ON)).isNull();
        assertThat(r.currentValue(CorrectableFact.DESCRIPTION)).isEmpty();
        assertThat(r.currentValue(CorrectableFact.NAME)).isEqualTo("Name");
    }

    @Test
    void anEventOfAnotherKindIsRefused() {
        AiSystemRecord r = new AiSystemRecord();
        assertThatThrownBy(() -> r.apply(new RulebookVersionApplied("v", "t", "s", LocalDate.of(2024, 8, 1)), 0, RECORDED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not an AI system event");
        assertThat(r.exists()).isFalse();
    }
}
