package eu.aiact.tracker.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectFact;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 19: the facts of a general-purpose AI model (systemic risk, open-source licence) on the classification, read as no from events
 * recorded before they existed; importers, distributors and authorised representatives refused with the reason.
 */
class GpaiFactsAndRolesTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final AiSystemRules RULES = new AiSystemRules(() -> "a-1");

    private static AiSystemRecord model() {
        return new AiSystemRecord().apply(new AiSystemRegistered("m-1", "Ministerie van BZK", "GPT-NL", "Open Dutch language model",
                Phase.IN_USE, "Language model", DevelopedBy.PARTNERSHIP, null, null, true, Role.PROVIDER, true, LocalDate.of(2025, 10, 1)),
                0, Instant.parse("2025-10-01T09:00:00Z"));
    }

    private static ClassifyRisk classify(GpaiRelation gpai, Boolean systemicRisk, Boolean openSource) {
        return new ClassifyRisk("m-1", RiskClass.MINIMAL, List.of(), false, gpai, "a model, not a system", null, null, systemicRisk,
                openSource);
    }

    @Test
    void aModelsSystemicRiskAndLicenceAreRecordedAndFolded() {
        AiSystemRecord record = model();
        RiskClassified event = RULES.classify(record, classify(GpaiRelation.IS_GPAI_MODEL, false, true), TODAY);
        assertThat(event.gpaiSystemicRisk()).isFalse();
        assertThat(event.gpaiOpenSource()).isTrue();
        record.apply(event, 1, Instant.parse("2026-12-01T10:00:00Z"));
        SystemFacts facts = record.toFacts();
        assertThat(facts.gpai()).isEqualTo(GpaiRelation.IS_GPAI_MODEL);
        assertThat(facts.gpaiOpenSource()).isTrue();
        assertThat(facts.gpaiSystemicRisk()).isFalse();
        assertThat(record.gpaiOpenSource()).isTrue();
    }

    @Test
    void theFactsOfAModelAreRefusedForAnythingElse() {
        for (GpaiRelation gpai : new GpaiRelation[] {GpaiRelation.NONE, GpaiRelation.USES_GPAI_MODEL, null}) {
            InvalidCommandException e = catchThrowableOfType(InvalidCommandException.class,
                    () -> RULES.classify(model(), classify(gpai, true, null), TODAY));
            assertThat(e.field()).isEqualTo("gpaiSystemicRisk");
            assertThat(e.getMessage()).contains("needs gpai IS_GPAI_MODEL");
            assertThat(catchThrowableOfType(InvalidCommandException.class,
                    () -> RULES.classify(model(), classify(gpai, null, true), TODAY)).field()).isEqualTo("gpaiOpenSource");
        }
        // "no" is no claim: accepted, and not recorded for a system that is not a model
        RiskClassified system = RULES.classify(model(), classify(GpaiRelation.USES_GPAI_MODEL, false, false), TODAY);
        assertThat(system.gpaiSystemicRisk()).isNull();
        assertThat(system.gpaiOpenSource()).isNull();
    }

    @Test
    void anEventRecordedBeforeTheFactsExistedReadsAsNoSystemicRiskAndNoOpenLicence() throws Exception {
        String stored = """
                {"systemId":"m-1","effectiveDate":"2025-10-01","riskClass":"MINIMAL","bases":[],"annexXComponent":false,
                 "gpai":"IS_GPAI_MODEL","rationale":"a model","previousRiskClass":"UNKNOWN","flaggedForReview":false}""";
        RiskClassified old = JsonMapper.builder().build().readValue(stored, RiskClassified.class);
        assertThat(old.gpaiSystemicRisk()).isNull();
        assertThat(old.gpaiOpenSource()).isNull();
        AiSystemRecord record = model().apply(old, 1, Instant.parse("2025-10-02T00:00:00Z"));
        assertThat(record.gpaiSystemicRisk()).isNull();
        assertThat(record.toFacts().gpaiSystemicRisk()).isFalse();
        assertThat(record.toFacts().gpaiOpenSource()).isFalse();
        String written = JsonMapper.builder().build().writeValueAsString(new RiskClassified("m-1", TODAY, RiskClass.MINIMAL, List.of(),
                false, GpaiRelation.IS_GPAI_MODEL, "r", RiskClass.UNKNOWN, false, true, false));
        assertThat(JsonMapper.builder().build().readValue(written, RiskClassified.class).gpaiSystemicRisk()).isTrue();
    }

    @Test
    void importersDistributorsAndAuthorisedRepresentativesAreRefusedWithTheReason() {
        for (String role : List.of("IMPORTER", "distributor", "AUTHORISED_REPRESENTATIVE")) {
            assertThat(UnsupportedRoles.explain(role)).hasValueSatisfying(why -> assertThat(why)
                    .contains("does not record importers, distributors or authorised representatives (Art 22 to 24)", "DEPLOYER"));
            InvalidCommandException e = catchThrowableOfType(InvalidCommandException.class,
                    () -> RULES.correct(model(), new CorrectFact("m-1", CorrectableFact.ROLE, role, "we import it", null), TODAY));
            assertThat(e.field()).isEqualTo("value");
            assertThat(e.getMessage()).contains("Art 22 to 24");
        }
        assertThat(UnsupportedRoles.explain("DEPLOYER")).isEmpty();
        assertThat(UnsupportedRoles.explain(null)).isEmpty();
    }
}
