package eu.aiact.tracker.webapp.classification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The classification aid's proposals, one per rule of Art 5, 6 and 50. */
class ClassificationAidTest {

    private static ClassificationAid.Answers answers(List<String> practices, List<String> products, List<String> areas,
            List<String> exemptions, boolean profiling, List<String> transparency) {
        return new ClassificationAid.Answers("DEPLOYER", practices, products, areas, exemptions, profiling, transparency, "NONE");
    }

    @Test
    void aProhibitedPracticeOutweighsEverythingElse() {
        ClassificationAid.Proposal proposal = ClassificationAid.propose(answers(List.of("5(1)(c)"), List.of(), List.of("III.5(a)"),
                List.of(), false, List.of("50(1)")));
        assertThat(proposal.riskClass()).isEqualTo("PROHIBITED");
        assertThat(proposal.grounds()).containsExactly(new ClassificationAid.Ground("ART5_PRACTICE", "5(1)(c)"));
    }

    @Test
    void anAnnexIIIAreaIsHighRiskWithItsArea() {
        ClassificationAid.Proposal proposal = ClassificationAid.propose(answers(List.of(), List.of(), List.of("III.5(a)"), List.of(), false,
                List.of()));
        assertThat(proposal.riskClass()).isEqualTo("HIGH");
        assertThat(proposal.grounds()).extracting(ClassificationAid.Ground::value).containsExactly("ANNEX_III_AREA|III.5(a)");
    }

    @Test
    void anAnnexIProductIsHighRisk() {
        assertThat(ClassificationAid.propose(answers(List.of(), List.of("I.A.11"), List.of(), List.of(), false, List.of())).riskClass())
                .isEqualTo("HIGH");
    }

    @Test
    void anArt63ExceptionLowersAnAnnexIIISystemUnlessItProfilesPeople() {
        ClassificationAid.Proposal exempted = ClassificationAid.propose(answers(List.of(), List.of(), List.of("III.4(a)"),
                List.of("6(3)(a)"), false, List.of()));
        assertThat(exempted.riskClass()).isEqualTo("MINIMAL");
        assertThat(exempted.grounds()).extracting(ClassificationAid.Ground::value).containsExactly("ART6_3_EXEMPTION|6(3)(a)");

        ClassificationAid.Proposal profiling = ClassificationAid.propose(answers(List.of(), List.of(), List.of("III.4(a)"),
                List.of("6(3)(a)"), true, List.of()));
        assertThat(profiling.riskClass()).isEqualTo("HIGH");
        assertThat(profiling.because()).isEqualTo("aid.because.profiling");

        ClassificationAid.Proposal limited = ClassificationAid.propose(answers(List.of(), List.of(), List.of("III.4(a)"),
                List.of("6(3)(d)"), false, List.of("50(1)")));
        assertThat(limited.riskClass()).isEqualTo("LIMITED");
        assertThat(limited.grounds()).extracting(ClassificationAid.Ground::kind).containsExactly("ART6_3_EXEMPTION", "ART50_TYPE");
    }

    @Test
    void transparencyAloneIsLimitedAndNothingIsMinimal() {
        assertThat(ClassificationAid.propose(answers(List.of(), List.of(), List.of(), List.of(), false, List.of("50(2)"))).riskClass())
                .isEqualTo("LIMITED");
        ClassificationAid.Proposal nothing = ClassificationAid.propose(answers(List.of(), List.of(), List.of(), List.of("6(3)(a)"), false,
                List.of()));
        assertThat(nothing.riskClass()).as("an exception without an Annex III area changes nothing").isEqualTo("MINIMAL");
        assertThat(nothing.grounds()).isEmpty();
    }
}
