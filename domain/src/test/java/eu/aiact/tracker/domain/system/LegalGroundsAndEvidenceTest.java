package eu.aiact.tracker.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded;
import eu.aiact.tracker.api.compliance.RecordObligationEvidence;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;

/**
 * Legal grounds checked against the catalogue of provisions (any alias accepted, the canonical id stored, an unknown one refused with
 * the nearest), stored references that map to nothing flagged for review, and evidence codes checked against the rulebooks.
 */
class LegalGroundsAndEvidenceTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final AiSystemRules RULES = new AiSystemRules(() -> "a-1");

    private static AiSystemRecord system() {
        return new AiSystemRecord().apply(new AiSystemRegistered("s-1", "Waterschap Rivierenland", "Peilbeheer", "Steers pumps",
                Phase.IN_USE, "Water levels", DevelopedBy.INTERNAL, null, null, false, Role.DEPLOYER, true, LocalDate.of(2024, 3, 1)),
                0, Instant.parse("2024-03-01T09:00:00Z"));
    }

    private static RiskClassified classify(RiskClass riskClass, BasisKind kind, String reference) {
        return RULES.classify(system(), new ClassifyRisk("s-1", riskClass, List.of(new ClassificationBasis(kind, reference)), false,
                GpaiRelation.NONE, "as the legal department concluded", null, null), TODAY);
    }

    @Test
    void anAliasIsStoredAsTheProvisionsCanonicalId() {
        assertThat(classify(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "Art. 5(1)(c)").bases())
                .containsExactly(new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(c)"));
        assertThat(classify(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(i)").bases())
                .containsExactly(new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(ba)"));
        assertThat(classify(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, " Annex III point 5(a) ").bases())
                .containsExactly(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)"));
        assertThat(classify(RiskClass.HIGH, BasisKind.ANNEX_I_PRODUCT, "Regulation (EU) 2017/745").bases())
                .containsExactly(new ClassificationBasis(BasisKind.ANNEX_I_PRODUCT, "I.A.11"));
        assertThat(classify(RiskClass.LIMITED, BasisKind.ART50_TYPE, "Art. 50(4)").bases())
                .containsExactly(new ClassificationBasis(BasisKind.ART50_TYPE, "50(4)"));
    }

    @Test
    void anUnknownReferenceIsRefusedNamingTheFieldAndTheNearestProvisions() {
        InvalidCommandException e = catchThrowableOfType(InvalidCommandException.class,
                () -> classify(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(z)"));
        assertThat(e.field()).isEqualTo("bases[0].reference");
        assertThat(e.getMessage()).startsWith("bases[0].reference: '5(1)(z)' is not a known provision of kind ART5_PRACTICE; nearest: "
                + "5(1)(a) (");
        assertThat(e.accepted()).hasSize(5).contains("5(1)(a)").allMatch(id -> id.startsWith("5(1)("));

        InvalidCommandException nine = catchThrowableOfType(InvalidCommandException.class,
                () -> classify(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "Annex III point 9"));
        assertThat(nine.field()).isEqualTo("bases[0].reference");
        assertThat(nine.accepted()).contains("III.8");

        assertThatThrownBy(() -> classify(RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(9)"))
                .isInstanceOf(InvalidCommandException.class).hasMessageContaining("nearest: 50(4) (").hasMessageContaining("50(1) (");
    }

    @Test
    void aProvisionOfAnotherKindIsRefusedSayingWhichKindItIs() {
        InvalidCommandException e = catchThrowableOfType(InvalidCommandException.class,
                () -> classify(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "Art. 5(1)(c)"));
        assertThat(e.field()).isEqualTo("bases[0].reference");
        assertThat(e.getMessage()).contains("is 5(1)(c) (Social scoring", "a provision of kind ART5_PRACTICE, not ANNEX_III_AREA");
        assertThat(e.accepted()).allMatch(id -> id.startsWith("III."));
    }

    @Test
    void aStoredReferenceThatMapsToNothingIsFlaggedForReviewAndAResolvingOneIsNot() {
        AiSystemRecord record = system();
        record.apply(new RiskClassified("s-1", TODAY, RiskClass.HIGH, List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA,
                "Annex III 5a"), new ClassificationBasis(BasisKind.ANNEX_III_AREA, "water management")), false, GpaiRelation.NONE,
                "legacy", RiskClass.UNKNOWN, false), 1, Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(record.basesToReview()).containsExactly(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "water management"));
        assertThat(record.bases()).extracting(ClassificationBasis::reference).containsExactly("Annex III 5a", "water management");
        record.apply(new RiskClassified("s-1", TODAY, RiskClass.HIGH, List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA,
                "III.2")), false, GpaiRelation.NONE, "critical infrastructure", RiskClass.HIGH, false), 2, Instant.parse(
                "2026-02-01T00:00:00Z"));
        assertThat(record.basesToReview()).isEmpty();
        // the tracker's earlier references are aliases: not flagged
        record.apply(new RiskClassified("s-1", TODAY, RiskClass.PROHIBITED, List.of(new ClassificationBasis(BasisKind.ART5_PRACTICE,
                "5(1)(j)")), false, GpaiRelation.NONE, "csam", RiskClass.HIGH, false), 3, Instant.parse("2026-03-01T00:00:00Z"));
        assertThat(record.basesToReview()).isEmpty();
    }

    /** Art 6(3), last subparagraph: an Annex III system that profiles natural persons is always high-risk. */
    @Test
    void anArt6_3ExemptionIsRefusedForASystemThatProfilesPersons() {
        List<ClassificationBasis> exempt = List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.4(a)"),
                new ClassificationBasis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)"));
        ClassifyRisk profiling = new ClassifyRisk("s-1", RiskClass.MINIMAL, exempt, false, GpaiRelation.NONE, "A narrow procedural task",
                null, null, null, null, true);
        InvalidCommandException refused = catchThrowableOfType(InvalidCommandException.class,
                () -> RULES.classify(system(), profiling, TODAY));
        assertThat(refused.field()).isEqualTo("bases[1].kind");
        assertThat(refused.getMessage()).contains("profiling").contains("Art 6(3)");
        RiskClassified notProfiling = RULES.classify(system(), new ClassifyRisk("s-1", RiskClass.MINIMAL, exempt, false, GpaiRelation.NONE,
                "A narrow procedural task", null, null, null, null, false), TODAY);
        assertThat(notProfiling.profilesPersons()).isFalse();
        assertThat(system().apply(notProfiling, 1, Instant.EPOCH).profilesPersons()).isFalse();
    }

    private static RecordObligationEvidence evidence(String code) {
        return new RecordObligationEvidence("s-1", code, EvidenceKind.FULFILLED, "Logs kept 6 months", "dms://logs", null, null);
    }

    @Test
    void anUnknownEvidenceCodeIsRefusedListingTheSystemsOwnObligationCodes() {
        AiSystemRecord record = system();
        record.apply(RULES.classify(record, new ClassifyRisk("s-1", RiskClass.HIGH, List.of(new ClassificationBasis(
                BasisKind.ANNEX_III_AREA, "III.5(a)")), false, GpaiRelation.NONE, "benefits", null, null), TODAY), 1,
                Instant.parse("2026-12-01T09:00:00Z"));
        for (String code : List.of("ART26_LOGS", "TOTALLY-MADE-UP")) {
            InvalidCommandException e = catchThrowableOfType(InvalidCommandException.class,
                    () -> RULES.recordEvidence(record, evidence(code), TODAY));
            assertThat(e.field()).isEqualTo("obligationCode");
            assertThat(e.getMessage()).contains("'" + code + "' is not a rule of the rulebooks", "ART26-DEPLOYER-DUTIES", "ART27-FRIA");
            assertThat(e.accepted()).contains("ART4-LITERACY", "ART26-DEPLOYER-DUTIES", "ART27-FRIA", "NL-ALGORITMEREGISTER-HIGH-RISK")
                    .doesNotContain("ART16-PROVIDER-DUTIES");
        }
    }

    @Test
    void aKnownCodeIsStoredAsTheRulebookSpellsItEvenForARuleThatDoesNotApplyToday() {
        ObligationEvidenceRecorded recorded = RULES.recordEvidence(system(), evidence(" art26-deployer-duties "), TODAY);
        assertThat(recorded.obligationCode()).isEqualTo("ART26-DEPLOYER-DUTIES");
        assertThat(RULES.recordEvidence(system(), evidence("ART49-2-EXEMPT-REGISTRATION"), TODAY).obligationCode())
                .isEqualTo("ART49-2-EXEMPT-REGISTRATION");
    }
}
