package eu.aiact.tracker.command.aggregate;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentRecorded;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordObligationEvidence;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectFact;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.ExperimentStarted;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.PauseSystem;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.PutIntoService;
import eu.aiact.tracker.api.system.RecordSignificantModification;
import eu.aiact.tracker.api.system.RegisterAiSystem;
import eu.aiact.tracker.api.system.ResumeSystem;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.api.system.SignificantModificationRecorded;
import eu.aiact.tracker.api.system.StartExperiment;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.api.system.SystemResumed;
import eu.aiact.tracker.domain.obligation.ObligationCodes;
import eu.aiact.tracker.domain.system.InvalidCommandException;
import eu.aiact.tracker.domain.system.InvalidTransitionException;

/** Given / when / then for every command of the AI system and every rule it keeps. "Today" is 2026-11-22 on a fixed clock. */
class AiSystemTest {

    private static final String ID = "sys-1";
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);
    private static final LocalDate REGISTERED = LocalDate.of(2023, 1, 10);
    private static final ClassificationBasis ANNEX_III = new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)");
    private static final String LONG_RATIONALE = "The system only prepares a file for a civil servant, who decides; it performs a narrow "
            + "procedural task (Art 6(3)(a)) and its output is always reviewed.";

    private FixtureConfiguration<AiSystem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AiSystem.class);
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
        fixture.registerInjectableResource(ObligationCodes.shipped());
    }

    private static AiSystemRegistered registered(Phase phase) {
        return new AiSystemRegistered(ID, "UWV", "Spraakherkenning", "Transcribes calls", phase, "Customer contact",
                DevelopedBy.PURCHASED, "Acme", "Whisper", true, Role.DEPLOYER, true, REGISTERED);
    }

    private static RegisterAiSystem register(String organisation, String name, Phase phase, LocalDate effective) {
        return new RegisterAiSystem(ID, organisation, name, " Transcribes calls ", "Customer contact", DevelopedBy.PURCHASED, "Acme",
                "Whisper", true, Role.DEPLOYER, true, phase, effective);
    }

    private static RiskClassified highRisk() {
        return new RiskClassified(ID, REGISTERED, RiskClass.HIGH, List.of(ANNEX_III), false, GpaiRelation.NONE, "Annex III 5(a)",
                RiskClass.UNKNOWN, false);
    }

    private static ClassifyRisk classify(RiskClass riskClass, List<ClassificationBasis> bases, String rationale) {
        return new ClassifyRisk(ID, riskClass, bases, null, null, rationale, null, null);
    }

    @Nested
    class Register {

        @Test
        void registersWithEveryRecordedFactTrimmedAndEffectiveInThePast() {
            fixture.givenNoPriorActivity()
                    .when(register("  UWV ", " Spraakherkenning ", Phase.IN_USE, REGISTERED))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AiSystemRegistered(ID, "UWV", "Spraakherkenning", "Transcribes calls", Phase.IN_USE,
                            "Customer contact", DevelopedBy.PURCHASED, "Acme", "Whisper", true, Role.DEPLOYER, true, REGISTERED));
        }

        @Test
        void withoutAnEffectiveDateTheRegistrationTakesEffectToday() {
            fixture.givenNoPriorActivity()
                    .when(register("UWV", "Spraakherkenning", Phase.EXPERIMENT, null))
                    .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                            Matchers.matches(e -> ((AiSystemRegistered) e).effectiveDate().equals(TODAY)), Matchers.andNoMore())));
        }

        @Test
        void theEventCarriesTheSystemsOrganisationInItsMetadata() {
            fixture.givenNoPriorActivity()
                    .when(register("UWV", "Spraakherkenning", Phase.PLANNED, REGISTERED))
                    .expectEventsMatching(Matchers.exactSequenceOf(
                            Matchers.matches(m -> "UWV".equals(((org.axonframework.eventhandling.EventMessage<?>) m).getMetaData()
                                    .get("organisation"))), Matchers.andNoMore()));
        }

        @Test
        void aBlankNameIsRefusedAndNamed() {
            fixture.givenNoPriorActivity()
                    .when(register("UWV", "  ", Phase.IN_USE, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("name"))
                    .expectNoEvents();
        }

        @Test
        void aMissingOrganisationIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(register(null, "Chatbot", Phase.IN_USE, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("organisation"));
        }

        @Test
        void endedIsNoInitialPhase() {
            fixture.givenNoPriorActivity()
                    .when(register("UWV", "Chatbot", Phase.ENDED, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("initialPhase"));
        }

        @Test
        void aFutureEffectiveDateIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(register("UWV", "Chatbot", Phase.IN_USE, TODAY.plusDays(1)))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("future"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void aPlannedSystemStartsAnExperiment() {
            fixture.given(registered(Phase.PLANNED))
                    .when(new StartExperiment(ID, LocalDate.of(2024, 3, 1), null))
                    .expectEvents(new ExperimentStarted(ID, LocalDate.of(2024, 3, 1)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void anExperimentCannotStartTwice() {
            fixture.given(registered(Phase.EXPERIMENT))
                    .when(new StartExperiment(ID, null, null))
                    .expectException(InvalidTransitionException.class)
                    .expectNoEvents();
        }

        @Test
        void anExperimentGoesIntoService() {
            fixture.given(registered(Phase.EXPERIMENT))
                    .when(new PutIntoService(ID, LocalDate.of(2023, 6, 1), null))
                    .expectEvents(new SystemPutIntoService(ID, LocalDate.of(2023, 6, 1), Phase.EXPERIMENT));
        }

        @Test
        void aSystemCannotGoIntoServiceBeforeItsExperimentStarted() {
            fixture.given(registered(Phase.EXPERIMENT))
                    .when(new PutIntoService(ID, LocalDate.of(2022, 12, 31), null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(allOf(containsString("effectiveDate"), containsString("2023-01-10")))
                    .expectNoEvents();
        }

        @Test
        void aSystemInUseCannotGoIntoServiceAgain() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new PutIntoService(ID, null, null))
                    .expectException(InvalidTransitionException.class);
        }

        @Test
        void anEndedSystemCannotGoIntoService() {
            fixture.given(registered(Phase.EXPERIMENT),
                            new SystemEnded(ID, LocalDate.of(2024, 1, 1), EndReason.INEFFECTIVE, null, Phase.EXPERIMENT))
                    .when(new PutIntoService(ID, null, null))
                    .expectException(InvalidTransitionException.class)
                    .expectExceptionMessage(containsString("ended on 2024-01-01"))
                    .expectNoEvents();
        }

        @Test
        void aSystemInUseIsPausedAndResumed() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new PauseSystem(ID, LocalDate.of(2024, 2, 1), "supplier incident", null))
                    .expectEvents(new SystemPaused(ID, LocalDate.of(2024, 2, 1), "supplier incident"));
            fixture.given(registered(Phase.IN_USE), new SystemPaused(ID, LocalDate.of(2024, 2, 1), null))
                    .when(new ResumeSystem(ID, LocalDate.of(2024, 3, 1), null))
                    .expectEvents(new SystemResumed(ID, LocalDate.of(2024, 3, 1)));
        }

        @Test
        void aPausedSystemCannotBePausedAgainNorResumedBeforeItWasPaused() {
            fixture.given(registered(Phase.IN_USE), new SystemPaused(ID, LocalDate.of(2024, 2, 1), null))
                    .when(new PauseSystem(ID, null, null, null))
                    .expectException(InvalidTransitionException.class);
            fixture.given(registered(Phase.IN_USE), new SystemPaused(ID, LocalDate.of(2024, 2, 1), null))
                    .when(new ResumeSystem(ID, LocalDate.of(2024, 1, 1), null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("paused"));
        }

        @Test
        void aRunningSystemCannotBeResumedAndAPlannedOneCannotBePaused() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new ResumeSystem(ID, null, null))
                    .expectException(InvalidTransitionException.class);
            fixture.given(registered(Phase.PLANNED))
                    .when(new PauseSystem(ID, null, null, null))
                    .expectException(InvalidTransitionException.class);
        }

        @Test
        void aPausedExperimentMustResumeBeforeItGoesIntoService() {
            fixture.given(registered(Phase.EXPERIMENT), new SystemPaused(ID, LocalDate.of(2024, 2, 1), null))
                    .when(new PutIntoService(ID, null, null))
                    .expectException(InvalidTransitionException.class)
                    .expectExceptionMessage(containsString("resume"));
        }

        @Test
        void anExperimentMayEndWithoutGoingIntoUse() {
            fixture.given(registered(Phase.EXPERIMENT))
                    .when(new EndSystem(ID, LocalDate.of(2024, 5, 1), EndReason.LEGAL_ADVICE, " privacy officer ", null))
                    .expectEvents(new SystemEnded(ID, LocalDate.of(2024, 5, 1), EndReason.LEGAL_ADVICE, "privacy officer",
                            Phase.EXPERIMENT));
        }

        @Test
        void aSystemCannotEndTwice() {
            fixture.given(registered(Phase.IN_USE), new SystemEnded(ID, LocalDate.of(2024, 5, 1), EndReason.REPLACED, null, Phase.IN_USE))
                    .when(new EndSystem(ID, null, EndReason.REPLACED, null, null))
                    .expectException(InvalidTransitionException.class)
                    .expectNoEvents();
        }

        @Test
        void endingNeedsAReasonAndOtherNeedsAnExplanation() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new EndSystem(ID, null, null, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("reason"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new EndSystem(ID, null, EndReason.OTHER, " ", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("explanation"));
        }

        @Test
        void aSystemCannotEndBeforeItWentIntoService() {
            fixture.given(registered(Phase.EXPERIMENT), new SystemPutIntoService(ID, LocalDate.of(2024, 1, 1), Phase.EXPERIMENT))
                    .when(new EndSystem(ID, LocalDate.of(2023, 12, 31), EndReason.INEFFECTIVE, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("2024-01-01"));
        }
    }

    @Nested
    class Classification {

        @Test
        void aFirstClassificationKeepsUnknownAsThePreviousClass() {
            fixture.given(registered(Phase.EXPERIMENT))
                    .when(new ClassifyRisk(ID, RiskClass.HIGH, List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, " III.5(a) ")),
                            false, GpaiRelation.NONE, "Annex III 5(a)", REGISTERED, null))
                    .expectEvents(highRisk());
        }

        @Test
        void aReclassificationKeepsThePreviousClass() {
            fixture.given(registered(Phase.EXPERIMENT), highRisk())
                    .when(new ClassifyRisk(ID, RiskClass.PROHIBITED, List.of(new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(c)")),
                            true, GpaiRelation.USES_GPAI_MODEL, "Social scoring", null, null))
                    .expectEvents(new RiskClassified(ID, TODAY, RiskClass.PROHIBITED,
                            List.of(new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(c)")), true, GpaiRelation.USES_GPAI_MODEL,
                            "Social scoring", RiskClass.HIGH, false));
        }

        @Test
        void loweringAHighClassWithAShortRationaleIsRefused() {
            fixture.given(registered(Phase.IN_USE), highRisk())
                    .when(classify(RiskClass.MINIMAL, List.of(), "not high"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(allOf(containsString("rationale"), containsString("100")))
                    .expectNoEvents();
        }

        @Test
        void loweringAHighClassWithARationaleIsFlaggedForReview() {
            List<ClassificationBasis> exempt = List.of(ANNEX_III, new ClassificationBasis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)"));
            fixture.given(registered(Phase.IN_USE), highRisk())
                    .when(classify(RiskClass.MINIMAL, exempt, LONG_RATIONALE))
                    .expectEvents(new RiskClassified(ID, TODAY, RiskClass.MINIMAL, exempt, false, GpaiRelation.NONE, LONG_RATIONALE,
                            RiskClass.HIGH, true));
        }

        @Test
        void eachClassNeedsItsLegalGround() {
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.HIGH, List.of(), "because"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("ANNEX_III_AREA or ANNEX_I_PRODUCT"));
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.PROHIBITED, List.of(ANNEX_III), "because"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("ART5_PRACTICE"));
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.LIMITED, List.of(new ClassificationBasis(BasisKind.ART50_TYPE, "50(9)")), "chatbot"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("bases[0].reference"));
        }

        @Test
        void anArt5PracticeOnlyGroundsAProhibitedClassAndAnExemptionNeverAHighOne() {
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.MINIMAL, List.of(new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(a)")), "x"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("bases[0].kind"));
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.HIGH, List.of(ANNEX_III, new ClassificationBasis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)")), "x"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("bases[1].kind"));
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.MINIMAL, List.of(new ClassificationBasis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)")), "x"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("ANNEX_III_AREA"));
        }

        @Test
        void aClassificationNeedsARationaleAndAClass() {
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(RiskClass.MINIMAL, List.of(), " "))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("rationale"));
            fixture.given(registered(Phase.IN_USE))
                    .when(classify(null, List.of(), "x"))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("riskClass"));
        }

        @Test
        void anEndedSystemIsNotReclassified() {
            fixture.given(registered(Phase.IN_USE), new SystemEnded(ID, LocalDate.of(2024, 5, 1), EndReason.REPLACED, null, Phase.IN_USE))
                    .when(classify(RiskClass.MINIMAL, List.of(), "x"))
                    .expectException(InvalidTransitionException.class);
        }
    }

    @Nested
    class Modifications {

        @Test
        void aSignificantModificationIsRecorded() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordSignificantModification(ID, LocalDate.of(2026, 9, 1), " new model ", null))
                    .expectEvents(new SignificantModificationRecorded(ID, LocalDate.of(2026, 9, 1), "new model"));
        }

        @Test
        void aModificationNeedsADescriptionAndASystemThatRuns() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordSignificantModification(ID, null, "", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("description"));
            fixture.given(registered(Phase.PLANNED))
                    .when(new RecordSignificantModification(ID, null, "x", null))
                    .expectException(InvalidTransitionException.class);
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordSignificantModification(ID, LocalDate.of(2020, 1, 1), "x", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("effectiveDate"));
        }
    }

    @Nested
    class AssessmentsAndRegistrations {

        @Test
        void anAssessmentIsRecordedAndMovesForward() {
            fixture.given(registered(Phase.EXPERIMENT))
                    .when(new RecordAssessment(ID, "a-1", AssessmentType.DPIA, null, AssessmentStatus.PLANNED, TODAY.plusMonths(1),
                            null, null))
                    .expectEvents(new AssessmentRecorded(ID, "a-1", AssessmentType.DPIA, null, AssessmentStatus.PLANNED, TODAY.plusMonths(1),
                            null, null));
            fixture.given(registered(Phase.EXPERIMENT), new AssessmentRecorded(ID, "a-1", AssessmentType.DPIA, null,
                            AssessmentStatus.PLANNED, TODAY, null, null))
                    .when(new RecordAssessment(ID, "a-1", null, null, AssessmentStatus.DONE, LocalDate.of(2026, 11, 1), "doc-7", null))
                    .expectEvents(new AssessmentRecorded(ID, "a-1", AssessmentType.DPIA, null, AssessmentStatus.DONE,
                            LocalDate.of(2026, 11, 1), "doc-7", AssessmentStatus.PLANNED));
        }

        @Test
        void anAssessmentNeverMovesBackNorChangesType() {
            AssessmentRecorded done = new AssessmentRecorded(ID, "a-1", AssessmentType.FRIA, null, AssessmentStatus.DONE, TODAY, null, null);
            fixture.given(registered(Phase.IN_USE), done)
                    .when(new RecordAssessment(ID, "a-1", null, null, AssessmentStatus.PLANNED, null, null, null))
                    .expectException(InvalidTransitionException.class)
                    .expectExceptionMessage(containsString("only moves forward"));
            fixture.given(registered(Phase.IN_USE), done)
                    .when(new RecordAssessment(ID, "a-1", AssessmentType.DPIA, null, AssessmentStatus.DONE, null, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("type"));
        }

        @Test
        void aDoneAssessmentCannotBeDatedInTheFutureAndOtherNeedsAName() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordAssessment(ID, "a-1", AssessmentType.FRIA, null, AssessmentStatus.DONE, TODAY.plusDays(3), null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("future"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordAssessment(ID, "a-1", AssessmentType.OTHER, null, AssessmentStatus.DONE, null, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("name"));
        }

        @Test
        void registrationsInTheAlgoritmeregisterNeedACategoryAndInTheEuDatabaseNone() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordPublicRegistration(ID, PublicRegister.ALGORITMEREGISTER, AlgoritmeregisterCategory.A, " ar-123 ",
                            LocalDate.of(2025, 6, 1), null))
                    .expectEvents(new PublicRegistrationRecorded(ID, PublicRegister.ALGORITMEREGISTER, AlgoritmeregisterCategory.A,
                            "ar-123", LocalDate.of(2025, 6, 1)));
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordPublicRegistration(ID, PublicRegister.ALGORITMEREGISTER, null, "ar-123", null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("category"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordPublicRegistration(ID, PublicRegister.EU_DATABASE, AlgoritmeregisterCategory.B, "eu-1", null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("category"));
        }

        @Test
        void anEndedSystemGetsNoNewAssessmentsOrRegistrations() {
            SystemEnded ended = new SystemEnded(ID, LocalDate.of(2024, 5, 1), EndReason.REPLACED, null, Phase.IN_USE);
            fixture.given(registered(Phase.IN_USE), ended)
                    .when(new RecordAssessment(ID, null, AssessmentType.DPIA, null, AssessmentStatus.DONE, null, null, null))
                    .expectException(InvalidTransitionException.class);
            fixture.given(registered(Phase.IN_USE), ended)
                    .when(new RecordPublicRegistration(ID, PublicRegister.EU_DATABASE, null, "eu-1", null, null))
                    .expectException(InvalidTransitionException.class);
        }
    }

    @Nested
    class EvidenceAndCorrections {

        private final SystemEnded ended = new SystemEnded(ID, LocalDate.of(2024, 5, 1), EndReason.REPLACED, null, Phase.IN_USE);

        @Test
        void evidenceIsRecordedEvenForAnEndedSystem() {
            fixture.given(registered(Phase.IN_USE), ended)
                    .when(new RecordObligationEvidence(ID, "ART18-DOCUMENTATION-KEEPING", EvidenceKind.FULFILLED, "Archived for 10 years",
                            "dms://42", LocalDate.of(2024, 6, 1), null))
                    .expectEvents(new ObligationEvidenceRecorded(ID, "ART18-DOCUMENTATION-KEEPING", EvidenceKind.FULFILLED, "Archived for 10 years",
                            "dms://42", LocalDate.of(2024, 6, 1)));
        }

        @Test
        void evidenceForACodeNoRulebookHasIsRefusedListingTheSystemsOwnCodes() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordObligationEvidence(ID, "ART26_LOGS", EvidenceKind.FULFILLED, "Logs kept", null, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(allOf(containsString("'ART26_LOGS' is not a rule of the rulebooks"),
                            containsString("ART4-LITERACY"), containsString("CLASSIFY")))
                    .expectNoEvents();
        }

        @Test
        void aStatementThatAnObligationDoesNotApplyNeedsReasons() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordObligationEvidence(ID, "ART27-FRIA", EvidenceKind.NOT_APPLICABLE, "n/a", null, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("statement"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new RecordObligationEvidence(ID, "ART27-FRIA", null, "done", null, null, null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("kind"));
        }

        @Test
        void aCorrectionKeepsThePreviousValueAndWorksOnAnEndedSystem() {
            fixture.given(registered(Phase.IN_USE), ended)
                    .when(new CorrectFact(ID, CorrectableFact.IN_SERVICE_SINCE, "2022-11-01", "Date taken from the contract", null))
                    .expectEvents(new FactCorrected(ID, TODAY, CorrectableFact.IN_SERVICE_SINCE, "2023-01-10", "2022-11-01",
                            "Date taken from the contract"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new CorrectFact(ID, CorrectableFact.ROLE, "BOTH", "We had it built under our name", null))
                    .expectEvents(new FactCorrected(ID, TODAY, CorrectableFact.ROLE, "DEPLOYER", "BOTH", "We had it built under our name"));
        }

        @Test
        void aCorrectionMustBeOfTheFactsKindAndChangeSomething() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new CorrectFact(ID, CorrectableFact.IN_SERVICE_SINCE, "last year", "typo", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("ISO date"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new CorrectFact(ID, CorrectableFact.ROLE, "OWNER", "typo", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("PROVIDER"));
            fixture.given(registered(Phase.IN_USE))
                    .when(new CorrectFact(ID, CorrectableFact.GENERATIVE_AI, "TRUE", "typo", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("already true"));
        }

        @Test
        void aCorrectionCannotInventAFactOrPutDatesOutOfOrder() {
            fixture.given(registered(Phase.IN_USE))
                    .when(new CorrectFact(ID, CorrectableFact.ENDED_ON, "2024-01-01", "typo", null))
                    .expectException(InvalidTransitionException.class)
                    .expectExceptionMessage(containsString("never recorded"));
            fixture.given(registered(Phase.IN_USE), ended)
                    .when(new CorrectFact(ID, CorrectableFact.ENDED_ON, "2022-01-01", "typo", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("out of order"));
        }

        @Test
        void correctingTheStartOfTheInitialPhaseMovesTheRegistrationDateWithIt() {
            fixture.given(registered(Phase.IN_USE),
                            new FactCorrected(ID, TODAY, CorrectableFact.IN_SERVICE_SINCE, "2023-01-10", "2022-06-01", "typo"))
                    .when(new StartExperiment(ID, null, null))
                    .expectException(InvalidTransitionException.class);
            fixture.given(registered(Phase.IN_USE),
                            new FactCorrected(ID, TODAY, CorrectableFact.IN_SERVICE_SINCE, "2023-01-10", "2022-06-01", "typo"))
                    .when(new RecordSignificantModification(ID, LocalDate.of(2022, 7, 1), "new model", null))
                    .expectSuccessfulHandlerExecution();
            fixture.given(registered(Phase.PLANNED), new ExperimentStarted(ID, LocalDate.of(2024, 1, 1)))
                    .when(new CorrectFact(ID, CorrectableFact.REGISTERED_ON, "2024-02-01", "typo", null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("out of order"));
        }

        @Test
        void aCorrectedDateIsWhatLaterCommandsAreCheckedAgainst() {
            fixture.given(registered(Phase.EXPERIMENT),
                            new FactCorrected(ID, TODAY, CorrectableFact.EXPERIMENT_STARTED_ON, "2023-01-10", "2023-06-01", "typo"))
                    .when(new PutIntoService(ID, LocalDate.of(2023, 3, 1), null))
                    .expectException(InvalidCommandException.class)
                    .expectExceptionMessage(containsString("2023-06-01"));
        }
    }

    @Test
    void everyHandlerAnswersTheVersionAfterIt() {
        fixture.given(registered(Phase.EXPERIMENT), highRisk())
                .when(new PutIntoService(ID, null, null))
                .expectResultMessagePayload(2L);
    }

    @Test
    void aStaleExpectedVersionIsAConflict() {
        fixture.given(registered(Phase.EXPERIMENT), highRisk())
                .when(new PutIntoService(ID, null, 0L))
                .expectException(instanceOf(org.axonframework.modelling.command.ConflictingAggregateVersionException.class))
                .expectNoEvents();
    }
}
