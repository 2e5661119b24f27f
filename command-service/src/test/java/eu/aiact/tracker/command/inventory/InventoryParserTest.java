package eu.aiact.tracker.command.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.PutIntoService;
import eu.aiact.tracker.api.system.RegisterAiSystem;

/** The inventory CSV: the column mapping, the commands a row becomes, and every problem reported with its row and column. */
class InventoryParserTest {

    private static final String HEADER = "organisation,name,phase,experiment_started_on,in_service_since,ended_on,end_reason,risk_class,"
            + "risk_basis,dpia,algoritmeregister_category,algoritmeregister_id,eu_database_id\n";
    private final InventoryParser parser = new InventoryParser(Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void theShippedSampleInventoryIsValid() throws Exception {
        String sample = Files.readString(Path.of("../local-stack/src/main/resources/demo/inventory-sample.csv"));
        InventoryParser.Result result = parser.parse(sample);
        assertThat(result.problems()).isEmpty();
        assertThat(result.rows()).hasSize(20);
        assertThat(result.rows().stream().map(InventoryRow::organisation).distinct()).hasSize(6);
    }

    /** Issue 15: a cell no reader could store is a problem in its row and column (the dry run said valid); the rest is still checked. */
    @Test
    void aControlCharacterInACellIsAProblemInItsRowAndColumnAndTheRestOfTheRowIsStillChecked() {
        InventoryParser.Result result = parser.parse("organisation,name,description,supplier,phase,in_service_since,risk_class\n"
                + "UWV,Docu\u0000herkenning,ok,Acme,IN_USE,2021-09-01,MINIMAL\n"
                + "UWV,Chatbot,\uD800 half,Acme\u0007,IN_USE,2031-09-01,MINIMAL\n"
                + "UWV,Vertaler,\u202Eok \uD83D\uDE00,Acme,IN_USE,2021-09-01,MINIMAL\n");
        assertThat(result.valid()).isFalse();
        assertThat(result.problems()).extracting(ImportProblem::row, ImportProblem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(2, "name"), org.assertj.core.groups.Tuple.tuple(3, "description"),
                org.assertj.core.groups.Tuple.tuple(3, "supplier"), org.assertj.core.groups.Tuple.tuple(3, "in_service_since"));
        assertThat(result.problems().get(0).message()).startsWith("name contains the control character U+0000 (NUL)").contains("accepted:");
    }

    /** Issue 17: review dates in their own columns go with the Algoritmeregister registration and the classification. */
    @Test
    void reviewDatesGoWithTheirRegistrationAndClassification() {
        String header = "organisation,name,phase,in_service_since,risk_class,risk_basis,"
                + "algoritmeregister_category,algoritmeregister_id,algoritmeregister_review_date,classification_review_date\n";
        InventoryParser.Result valid = parser.parse(header + "UWV,Docuherkenning,IN_USE,2021-09-01,MINIMAL,,B,ar-5,2027-01-31,2027-06-30\n");
        assertThat(valid.problems()).isEmpty();
        InventoryRow row = valid.rows().get(0);
        ClassifyRisk classify = (ClassifyRisk) row.commands().stream().filter(c -> c.step().equals("classification")).findFirst()
                .orElseThrow().command("s");
        assertThat(classify.reviewDate()).isEqualTo(LocalDate.of(2027, 6, 30));
        RecordPublicRegistration registration = (RecordPublicRegistration) row.commands().stream()
                .filter(c -> c.step().equals("registration-ALGORITMEREGISTER")).findFirst().orElseThrow().command("s");
        assertThat(registration.reviewDate()).isEqualTo(LocalDate.of(2027, 1, 31));
        InventoryParser.Result result = parser.parse(header
                + "UWV,Docuherkenning,IN_USE,2021-09-01,MINIMAL,,B,ar-5,2027-01-31,2027-06-30\n"
                + "UWV,Chatbot,IN_USE,2021-09-01,,,,,2027-01-31,2027-06-30\n"
                + "UWV,Vertaler,IN_USE,2021-09-01,MINIMAL,,B,ar-6,31-01-2027,\n");
        assertThat(result.problems()).extracting(ImportProblem::row, ImportProblem::column).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(3, "algoritmeregister_review_date"),
                org.assertj.core.groups.Tuple.tuple(3, "classification_review_date"),
                org.assertj.core.groups.Tuple.tuple(4, "algoritmeregister_review_date"));
    }

    @Test
    void aCellLongerThanItsFieldIsAProblemNamingTheMost() {
        InventoryParser.Result result = parser.parse("organisation,name,phase,purpose\nUWV,x,IN_USE," + "p".repeat(201) + "\n");
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.column()).isEqualTo("purpose");
            assertThat(p.message()).isEqualTo("purpose may have at most 200 characters, not 201");
        });
    }

    @Test
    void aSystemThatWentFromExperimentIntoUseAndEndedBecomesItsCommandsInOrder() {
        InventoryParser.Result result = parser.parse(HEADER
                + "Politie,\"Voorspellend patrouilleren, v2\",ENDED,2018-01-15,2019-01-01,2023-12-31,LEGAL_ADVICE,HIGH,"
                + "ANNEX_III_AREA:III.6(d),DONE,A,pol-1,EU-1\n");
        assertThat(result.problems()).isEmpty();
        InventoryRow row = result.rows().get(0);
        assertThat(row.row()).isEqualTo(2);
        assertThat(row.name()).isEqualTo("Voorspellend patrouilleren, v2");
        assertThat(row.commands()).extracting(PlannedCommand::step).containsExactly("register", "classification", "assessment-DPIA",
                "registration-ALGORITMEREGISTER", "registration-EU_DATABASE", "service", "end");
        RegisterAiSystem register = (RegisterAiSystem) row.commands().get(0).command("s");
        assertThat(register.initialPhase()).isEqualTo(Phase.EXPERIMENT);
        assertThat(register.effectiveDate()).isEqualTo(LocalDate.of(2018, 1, 15));
        assertThat(register.organisation()).isEqualTo("Politie");
        ClassifyRisk classify = (ClassifyRisk) row.commands().get(1).command("s");
        assertThat(classify.riskClass()).isEqualTo(RiskClass.HIGH);
        assertThat(classify.bases()).containsExactly(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.6(d)"));
        RecordAssessment dpia = (RecordAssessment) row.commands().get(2).command("s");
        assertThat(dpia.assessmentId()).isEqualTo("import-dpia");
        assertThat(dpia.status()).isEqualTo(AssessmentStatus.DONE);
        RecordPublicRegistration algoritmeregister = (RecordPublicRegistration) row.commands().get(3).command("s");
        assertThat(algoritmeregister.category()).isEqualTo(AlgoritmeregisterCategory.A);
        assertThat(algoritmeregister.registerId()).isEqualTo("pol-1");
        assertThat(((PutIntoService) row.commands().get(5).command("s")).effectiveDate()).isEqualTo(LocalDate.of(2019, 1, 1));
        EndSystem end = (EndSystem) row.commands().get(6).command("s");
        assertThat(end.effectiveDate()).isEqualTo(LocalDate.of(2023, 12, 31));
        assertThat(end.reason()).isEqualTo(EndReason.LEGAL_ADVICE);
        assertThat(end.systemId()).isEqualTo("s");
    }

    @Test
    void aSystemInUseWithoutAnExperimentIsRegisteredInUse_andDutchValuesAndSemicolonsAreRead() {
        InventoryParser.Result result = parser.parse("Organisation;Name;Phase;In service since;Risk class;DPIA\n"
                + "UWV;Documentherkenning;in gebruik;2021-09-01;minimaal;uitgevoerd\n\n");
        assertThat(result.problems()).isEmpty();
        InventoryRow row = result.rows().get(0);
        assertThat(row.commands()).extracting(PlannedCommand::step).containsExactly("register", "classification", "assessment-DPIA");
        RegisterAiSystem register = (RegisterAiSystem) row.commands().get(0).command("s");
        assertThat(register.initialPhase()).isEqualTo(Phase.IN_USE);
        assertThat(register.effectiveDate()).isEqualTo(LocalDate.of(2021, 9, 1));
        assertThat(((ClassifyRisk) row.commands().get(1).command("s")).riskClass()).isEqualTo(RiskClass.MINIMAL);
    }

    @Test
    void everyProblemOfEveryRowIsReportedWithRowAndColumn() {
        InventoryParser.Result result = parser.parse(HEADER
                + ",Naamloos,EXPERIMENT,,,,,,,,,,\n"
                + "Politie,Toekomst,IN_USE,,2027-01-01,,,HIGH,,,,,\n"
                + "Politie,Volgorde,ENDED,2024-05-01,2024-01-01,,,LOW,ANNEX_III:x,MAYBE,D,,\n"
                + "Politie,Kentekens,EXPERIMENT,2025-13-01,,,,,,,A,,\n"
                + "Politie,Kentekens,EXPERIMENT,,,,,,,,,,\n"
                + "Politie,Kentekens,EXPERIMENT,,,,,,,,,,\n");
        assertThat(result.valid()).isFalse();
        assertThat(result.rows()).isEmpty();
        assertThat(problems(result)).contains(
                "2 organisation: required",
                "3 in_service_since: in_service_since 2027-01-01 lies in the future; record a fact once it has happened (today is 2026-11-23)",
                "3 risk_basis: a HIGH class needs a basis of kind ANNEX_III_AREA or ANNEX_I_PRODUCT (risk_basis: KIND:reference, e.g. "
                        + "ANNEX_III_AREA:III.5(a); several separated by |)",
                "4 in_service_since: in_service_since 2024-01-01 lies before the start of its experiment (2024-05-01)",
                "4 ended_on: required when phase is ENDED",
                "5 experiment_started_on: not a date YYYY-MM-DD",
                "5 algoritmeregister_id: required when algoritmeregister_category is given",
                "7 name: the same organisation and name as row 6");
        assertThat(result.problems()).anySatisfy(p -> {
            assertThat(p.row()).isEqualTo(4);
            assertThat(p.column()).isEqualTo("risk_class");
            assertThat(p.value()).isEqualTo("LOW");
            assertThat(p.message()).startsWith("unknown value; one of [HIGH, LIMITED, MINIMAL, PROHIBITED, UNKNOWN]");
        });
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.row() + " " + p.column() + " " + p.value())
                .isEqualTo("4 risk_basis ANNEX_III:x"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.row() + " " + p.column() + " " + p.value()).isEqualTo("4 dpia MAYBE"));
        assertThat(result.problems()).anySatisfy(p -> assertThat(p.row() + " " + p.column() + " " + p.value())
                .isEqualTo("4 algoritmeregister_category D"));
    }

    /** Issue 19: a row for an importer, distributor or authorised representative is refused with the reason, like the API. */
    @Test
    void rolesTheTrackerDoesNotRecordAreRefusedWithTheReason() {
        InventoryParser.Result result = parser.parse("organisation,name,phase,role\nA,Ingekocht,IN_USE,IMPORTER\nA,Doorverkocht,IN_USE,"
                + "distributor\nA,Eigen,IN_USE,DEPLOYER\n");
        assertThat(result.valid()).isFalse();
        assertThat(problems(result)).anySatisfy(p -> assertThat(p).startsWith("2 role: ").contains("Art 22 to 24"))
                .anySatisfy(p -> assertThat(p).startsWith("3 role: ").contains("Art 22 to 24")).hasSize(2);
    }

    @Test
    void aGeneralPurposeModelsSystemicRiskAndLicenceAreReadAndCheckedByTheRules() {
        InventoryParser.Result model = parser.parse("organisation,name,phase,in_service_since,risk_class,gpai,gpai_systemic_risk,"
                + "gpai_open_source,annex_x_component\nA,Model,IN_USE,2025-09-01,MINIMAL,IS_GPAI_MODEL,ja,nee,no\n");
        assertThat(model.problems()).isEmpty();
        ClassifyRisk classify = (ClassifyRisk) model.rows().get(0).commands().get(1).command("s");
        assertThat(classify.gpaiSystemicRisk()).isTrue();
        assertThat(classify.gpaiOpenSource()).isFalse();
        assertThat(classify.annexXComponent()).isFalse();
        InventoryParser.Result notAModel = parser.parse("organisation,name,phase,in_service_since,risk_class,gpai,gpai_systemic_risk\n"
                + "A,Chatbot,IN_USE,2025-09-01,MINIMAL,USES_GPAI_MODEL,yes\n");
        assertThat(notAModel.problems()).extracting(p -> p.row() + " " + p.column()).containsExactly("2 gpai_systemic_risk");
    }

    @Test
    void aBadHeaderOrAMalformedFileIsReportedBeforeAnyRow() {
        assertThat(problems(parser.parse("organisation,naam,phase,colour\nA,B,IN_USE,red\n"))).contains(
                "1 naam: unknown column; known columns: " + InventoryParser.COLUMNS, "1 name: required column missing");
        assertThat(problems(parser.parse(""))).containsExactly("1 null: the file is empty: a header line is required");
        assertThat(problems(parser.parse("organisation,name,phase\nA,\"B,IN_USE\n")))
                .containsExactly("2 null: line 2: a quoted field is never closed");
        assertThat(problems(parser.parse("organisation,name,phase\nA,B,IN_USE,extra\n")))
                .containsExactly("2 null: 4 fields, the header has 3");
    }

    @Test
    void quotedFieldsMayHoldSeparatorsQuotesAndLineBreaks_andRowsAreNumberedByTheirFirstLine() {
        InventoryParser.Result result = parser.parse("organisation,name,description,phase\r\n"
                + "A,\"Een \"\"slim\"\" systeem\",\"regel 1\r\nregel 2, met komma\",IN_USE\r\n"
                + "A,Tweede,,DOES_NOT_EXIST\r\n");
        assertThat(problems(result)).containsExactly("4 phase: unknown value; one of [ENDED, EXPERIMENT, IN_USE, PLANNED]");
        InventoryParser.Result valid = parser.parse("organisation,name,description,phase\n"
                + "A,\"Een \"\"slim\"\" systeem\",\"regel 1\nregel 2, met komma\",IN_USE\n");
        assertThat(valid.rows().get(0).name()).isEqualTo("Een \"slim\" systeem");
        assertThat(((RegisterAiSystem) valid.rows().get(0).commands().get(0).command("s")).description())
                .isEqualTo("regel 1\nregel 2, met komma");
    }

    @Test
    void idempotencyKeysDependOnOrganisationNameAndStepOnly() {
        InventoryRow a = parser.parse("organisation,name,phase\nA,B,IN_USE\n").rows().get(0);
        InventoryRow again = parser.parse("organisation,name,phase\nA,B,IN_USE\n").rows().get(0);
        InventoryRow other = parser.parse("organisation,name,phase\nA,C,IN_USE\n").rows().get(0);
        assertThat(a.idempotencyKey(a.commands().get(0))).isEqualTo(again.idempotencyKey(again.commands().get(0)))
                .isNotEqualTo(other.idempotencyKey(other.commands().get(0))).startsWith("import-").hasSize(7 + 64);
    }

    private static List<String> problems(InventoryParser.Result result) {
        return result.problems().stream().map(p -> p.row() + " " + p.column() + ": " + p.message()).toList();
    }
}
