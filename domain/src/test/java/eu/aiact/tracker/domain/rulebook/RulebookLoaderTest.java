package eu.aiact.tracker.domain.rulebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.aiact.tracker.domain.obligation.ObligationEngine;

class RulebookLoaderTest {

    private final RulebookLoader loader = new RulebookLoader();

    @Test
    void shippedRulebooksLoad() {
        Rulebooks rulebooks = loader.loadAll(null);
        assertEquals(List.of("ai-act-2024", "nl-national-commitments", "ai-act-2026-omnibus"),
                rulebooks.all().stream().map(Rulebook::id).toList());
        Rulebook published = rulebooks.byId("ai-act-2024").orElseThrow();
        assertEquals(LocalDate.of(2024, 8, 1), published.inForceFrom());
        assertEquals(RulebookKind.EU, published.kind());
        Rulebook omnibus = rulebooks.byId("ai-act-2026-omnibus").orElseThrow();
        assertEquals(LocalDate.of(2026, 7, 27), omnibus.inForceFrom());
        assertTrue(omnibus.legalSource().contains("2026/1744"), omnibus.legalSource());
        assertTrue(omnibus.publishedIn().contains("24.7.2026"), omnibus.publishedIn());
        assertEquals(RulebookKind.NATIONAL, rulebooks.byId("nl-national-commitments").orElseThrow().kind());
        assertTrue(rulebooks.byId("nope").isEmpty());
        // both readings of the legacy public-authority date are in the data
        Milestone legacy = published.milestones().get("legacy-public-end");
        assertEquals(LocalDate.of(2030, 8, 2), legacy.date());
        assertEquals(LocalDate.of(2030, 12, 31), legacy.otherReadings().get(0).date());
    }

    @Test
    void versionInForceOnBoundaryDates() {
        Rulebooks rulebooks = loader.loadAll(null);
        assertEquals("ai-act-2024", rulebooks.inForceOn(LocalDate.of(2026, 7, 26)).eu().id());
        assertEquals("ai-act-2026-omnibus", rulebooks.inForceOn(LocalDate.of(2026, 7, 27)).eu().id());
        assertEquals("ai-act-2024", rulebooks.inForceOn(LocalDate.of(2024, 8, 1)).eu().id());
        assertEquals(List.of(), rulebooks.inForceOn(LocalDate.of(2024, 11, 7)).national());
        assertEquals(List.of("ai-act-2024", "nl-national-commitments"),
                rulebooks.inForceOn(LocalDate.of(2024, 11, 8)).all().stream().map(Rulebook::id).toList());
        assertEquals(List.of("ai-act-2026-omnibus", "nl-national-commitments"),
                rulebooks.inForceOn(LocalDate.of(2030, 1, 1)).all().stream().map(Rulebook::id).toList());
        IllegalArgumentException before = assertThrows(IllegalArgumentException.class,
                () -> rulebooks.inForceOn(LocalDate.of(2024, 7, 31)));
        assertTrue(before.getMessage().contains("2024-08-01"), before.getMessage());
    }

    @Test
    void extraDirectoryAddsRuleSets() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rulebooks");
        try (InputStream in = getClass().getResourceAsStream("/rulebooks-extra/org-rules.yaml")) {
            java.nio.file.Files.copy(in, dir.resolve("org-rules.yaml"));
        }
        Rulebooks rulebooks = loader.loadAll(dir.toString());
        assertTrue(rulebooks.byId("org-rules").isPresent());
        assertTrue(rulebooks.inForceOn(LocalDate.of(2026, 1, 1)).national().stream().anyMatch(r -> r.id().equals("org-rules")));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown-field.yaml", "rule ART4-LITERACY", "unknown field 'deadline'"),
                Arguments.of("missing-article.yaml", "rule ART4-LITERACY", "missing field 'article'"),
                Arguments.of("bad-date.yaml", "milestone literacy", "bad date '2025-02-30'"),
                Arguments.of("unknown-condition-value.yaml", "rule ART26-DEPLOYER-DUTIES", "unknown value 'VERY_HIGH' for riskClass"),
                Arguments.of("unknown-condition.yaml", "rule ART26-DEPLOYER-DUTIES", "unknown field 'riskLevel'"),
                Arguments.of("duplicate-code.yaml", "rule ART4-LITERACY", "duplicate code 'ART4-LITERACY'"),
                Arguments.of("unknown-milestone.yaml", "rule ART4-LITERACY", "unknown milestone 'literacyy'"),
                Arguments.of("unknown-schedule.yaml", "rule ART26-DEPLOYER-DUTIES", "unknown schedule 'high-risk'"),
                Arguments.of("bad-bearer.yaml", "rule ART4-LITERACY", "unknown value 'EVERYONE' for bearer"),
                Arguments.of("missing-in-force.yaml", "header of bad-missing-in-force", "missing field 'inForceFrom'"),
                Arguments.of("bad-boolean.yaml", "rule ART27-FRIA", "unknown condition value 'yes' for publicAuthority"),
                Arguments.of("schedule-without-catch-all.yaml", "schedule high-risk", "the last case ('legacy') must have no conditions"),
                Arguments.of("duplicate-key.yaml", "YAML", "Duplicate Object property \"title\""),
                Arguments.of("no-code.yaml", "rule #1 (no code)", "missing field 'code'"),
                Arguments.of("due-fact-and-due.yaml", "rule NL-REVIEW", "needs exactly one of 'due' (a milestone), 'schedule'"),
                Arguments.of("due-fact-without-source.yaml", "rule NL-REVIEW", "a rule with 'dueFact' needs 'source'"),
                Arguments.of("unknown-due-fact.yaml", "rule NL-REVIEW", "unknown value 'REVIEW_DATE' for dueFact (allowed: "
                        + "[ALGORITMEREGISTER_REVIEW, CLASSIFICATION_REVIEW])"),
                Arguments.of("unknown-provision.yaml", "rule ART27-FRIA when basis",
                        "unknown provision in 'except': 'III.9(z)' is not a known provision of kind ANNEX_III_AREA; nearest: III.8"),
                Arguments.of("provision-of-other-kind.yaml", "rule ART27-FRIA when basis",
                        "'Art. 5(1)(c)' is 5(1)(c) (Social scoring leading to detrimental or unfavourable treatment), a provision of kind ART5_PRACTICE, not ANNEX_III_AREA"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("malformed")
    void malformedFileFailsNamingFileRuleAndProblem(String file, String rule, String problem) throws Exception {
        InvalidRulebookException e;
        try (InputStream in = getClass().getResourceAsStream("/rulebooks-malformed/" + file)) {
            e = assertThrows(InvalidRulebookException.class, () -> loader.load("rulebooks-malformed/" + file, in));
        }
        assertTrue(e.getMessage().contains("rulebooks-malformed/" + file), e.getMessage());
        assertTrue(e.rule().startsWith(rule), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
        assertTrue(e.getMessage().contains(rule) && e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void nationalCodeClashingWithAnEuCodeFails() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rulebooks");
        try (InputStream in = getClass().getResourceAsStream("/rulebooks-malformed/national-clash.yaml")) {
            java.nio.file.Files.copy(in, dir.resolve("national-clash.yaml"));
        }
        InvalidRulebookException e = assertThrows(InvalidRulebookException.class, () -> loader.loadAll(dir.toString()));
        assertTrue(e.getMessage().contains("national-clash.yaml"), e.getMessage());
        assertEquals("rule ART27-FRIA", e.rule());
        assertTrue(e.problem().contains("duplicate code"), e.getMessage());
    }
}
