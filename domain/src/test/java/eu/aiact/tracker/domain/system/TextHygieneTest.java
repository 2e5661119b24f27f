package eu.aiact.tracker.domain.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordObligationEvidence;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectFact;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.PauseSystem;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.RecordSignificantModification;
import eu.aiact.tracker.api.system.RegisterAiSystem;
import eu.aiact.tracker.api.system.Role;

/**
 * Every text field of every command goes through one check (issue 15): NUL, the other C0 controls, DEL, C1 controls and unpaired
 * surrogates are refused naming the field and what is accepted; tab and line breaks, right-to-left overrides and 4-byte emoji are kept;
 * the maximum length (in characters, as PostgreSQL counts them) is accepted and one more is refused.
 */
class TextHygieneTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 1);
    private static final AiSystemRules RULES = new AiSystemRules(() -> "a-1");

    /** One text field of one command: its name, its most characters, and the command with the given text in it. */
    record Field(String name, int max, Function<String, Object> command) {
        @Override
        public String toString() {
            return name + " of " + command.apply("x").getClass().getSimpleName();
        }
    }

    private static AiSystemRecord inUse() {
        return new AiSystemRecord().apply(new AiSystemRegistered("s-1", "Gemeente Utrecht", "Bijstandssignalering", "Flags", Phase.IN_USE,
                "Fraud", DevelopedBy.PURCHASED, "Acme", "GBM", false, Role.DEPLOYER, true, LocalDate.of(2024, 3, 1)), 0,
                Instant.parse("2024-03-01T09:00:00Z"));
    }

    private static RegisterAiSystem register(String organisation, String name, String description, String purpose, String supplier,
            String model) {
        return new RegisterAiSystem("s-2", organisation, name, description, purpose, DevelopedBy.INTERNAL, supplier, model, false,
                Role.DEPLOYER, true, Phase.IN_USE, null);
    }

    static List<Field> fields() {
        String ok = "Gemeente Utrecht";
        String statement = "Logs are kept six months in the archive";
        return List.of(
                new Field("organisation", 200, t -> register(t, ok, null, null, null, null)),
                new Field("name", 200, t -> register(ok, t, null, null, null, null)),
                new Field("description", 2000, t -> register(ok, ok, t, null, null, null)),
                new Field("purpose", 200, t -> register(ok, ok, null, t, null, null)),
                new Field("supplier", 200, t -> register(ok, ok, null, null, t, null)),
                new Field("model", 200, t -> register(ok, ok, null, null, null, t)),
                new Field("reason", 1000, t -> new PauseSystem("s-1", null, t, null)),
                new Field("explanation", 2000, t -> new EndSystem("s-1", null, EndReason.OTHER, t, null)),
                new Field("rationale", 5000, t -> new ClassifyRisk("s-1", RiskClass.MINIMAL, List.of(), false, GpaiRelation.NONE, t,
                        null, null)),
                new Field("bases[0].reference", 200, t -> new ClassifyRisk("s-1", RiskClass.HIGH,
                        List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, t)), false, GpaiRelation.NONE, "why", null, null)),
                new Field("description", 2000, t -> new RecordSignificantModification("s-1", null, t, null)),
                new Field("assessmentId", 100, t -> new RecordAssessment("s-1", t, AssessmentType.DPIA, null, AssessmentStatus.DONE,
                        null, null, null)),
                new Field("name", 200, t -> new RecordAssessment("s-1", null, AssessmentType.OTHER, t, AssessmentStatus.DONE, null, null,
                        null)),
                new Field("reference", 500, t -> new RecordAssessment("s-1", null, AssessmentType.DPIA, null, AssessmentStatus.DONE,
                        null, t, null)),
                new Field("registerId", 200, t -> new RecordPublicRegistration("s-1", PublicRegister.ALGORITMEREGISTER,
                        AlgoritmeregisterCategory.A, t, null, null)),
                new Field("obligationCode", 100, t -> new RecordObligationEvidence("s-1", t, EvidenceKind.FULFILLED, statement, null,
                        null, null)),
                new Field("statement", 5000, t -> new RecordObligationEvidence("s-1", "ART4-AI-LITERACY", EvidenceKind.FULFILLED, t,
                        null, null, null)),
                new Field("reference", 500, t -> new RecordObligationEvidence("s-1", "ART4-AI-LITERACY", EvidenceKind.FULFILLED,
                        statement, t, null, null)),
                new Field("value", 2000, t -> new CorrectFact("s-1", CorrectableFact.SUPPLIER, t, "From the contract", null)),
                new Field("rationale", 2000, t -> new CorrectFact("s-1", CorrectableFact.SUPPLIER, "Acme B.V.", t, null)));
    }

    static Stream<Arguments> refused() {
        List<String> bad = List.of("a\u0000b", "\u0000", "bell\u0007", "esc\u001B[31m", "del\u007F", "c1\u0085", "lone \uD83D high",
                "lone \uDE00 low", "reversed \uDE00\uD83D");
        return fields().stream().flatMap(field -> bad.stream().map(text -> Arguments.of(field, text)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("refused")
    void aControlCharacterOrAnUnpairedSurrogateIsRefusedNamingTheField(Field field, String text) {
        InvalidCommandException refused = catchThrowableOfType(InvalidCommandException.class,
                () -> RULES.decide(inUse(), field.command().apply(text), TODAY));
        assertThat(refused).as("refused").isNotNull();
        assertThat(refused.field()).isEqualTo(field.name());
        assertThat(refused.getMessage()).startsWith(field.name() + " contains").contains("accepted:").contains("at most " + field.max());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void theMaximumLengthIsAcceptedAndOneCharacterMoreIsRefused(Field field) {
        assertThat(textProblem(field, "é".repeat(field.max()))).as("at the maximum").isNull();
        // 4-byte characters count as one: the maximum in emoji is as many emoji
        String emoji = "\uD83D\uDE00".repeat(field.max() + 1);
        InvalidCommandException tooLong = textProblem(field, emoji);
        assertThat(tooLong).isNotNull();
        assertThat(tooLong.field()).isEqualTo(field.name());
        assertThat(tooLong.getMessage()).isEqualTo(field.name() + " may have at most " + field.max() + " characters, not " + (field.max() + 1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void tabsLineBreaksRightToLeftOverridesAndEmojiPassTheTextCheck(Field field) {
        for (String text : List.of("tab\there", "two\nlines\r\nand more", "\u202Egnp.exe\u202C and \u200F", "\uD83D\uDE00\uD83C\uDDF3\uD83C\uDDF1 ok")) {
            assertThat(textProblem(field, text)).as(text).isNull();
        }
    }

    @Test
    void theProblemNamesTheCharacterAndWhereItIs() {
        assertThat(Text.problem("ab\u0000")).contains("contains the control character U+0000 (NUL) at character 3");
        assertThat(Text.problem("\uD83D\uDE00\uD800")).contains("contains an unpaired surrogate U+D800 at character 2");
        assertThat(Text.problem("fine \t\n\r \u202E \uD83D\uDE00")).isEmpty();
    }

    /** The text check's refusal of the field, or null when the text passed it (another rule may still refuse the command). */
    private static InvalidCommandException textProblem(Field field, String text) {
        try {
            RULES.decide(inUse(), field.command().apply(text), TODAY);
            return null;
        } catch (InvalidCommandException refused) {
            boolean byTextCheck = refused.field().equals(field.name())
                    && (refused.getMessage().contains(" contains ") || refused.getMessage().contains(" may have at most "));
            return byTextCheck ? refused : null;
        }
    }
}
