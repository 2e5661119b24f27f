package eu.aiact.tracker.domain.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.aiact.tracker.api.classification.BasisKind;

class ProvisionCatalogueTest {

    private static final ProvisionCatalogue CATALOGUE = ProvisionCatalogue.shipped();

    @Test
    void theShippedCatalogueHoldsEveryProvisionTheIssueNames() {
        assertEquals(10, CATALOGUE.ofKind(BasisKind.ART5_PRACTICE).size(), "Art 5(1)(a)-(h), (ba), (bb)");
        for (String letter : List.of("a", "b", "c", "d", "e", "f", "g", "h", "ba", "bb")) {
            assertTrue(CATALOGUE.byId("5(1)(" + letter + ")").isPresent(), letter);
        }
        List<Provision> annexIII = CATALOGUE.ofKind(BasisKind.ANNEX_III_AREA);
        assertEquals(8 + 24, annexIII.size(), "Annex III points 1 to 8 and their letters");
        assertEquals(List.of("III.1", "III.2", "III.3", "III.4", "III.5", "III.6", "III.7", "III.8"),
                annexIII.stream().filter(p -> p.parent() == null).map(Provision::id).toList());
        assertTrue(CATALOGUE.byId("III.2(a)").isEmpty(), "point 2 has no letters");
        assertEquals(List.of("III.6(a)", "III.6(b)", "III.6(c)", "III.6(d)", "III.6(e)"),
                annexIII.stream().filter(p -> "III.6".equals(p.parent())).map(Provision::id).toList());
        List<Provision> annexI = CATALOGUE.ofKind(BasisKind.ANNEX_I_PRODUCT);
        assertEquals(12, annexI.stream().filter(p -> "I.A".equals(p.parent())).count(), "Section A: 12 acts");
        assertEquals(9, annexI.stream().filter(p -> "I.B".equals(p.parent())).count(), "Section B: 8 acts + machinery (2026, reported)");
        assertEquals(List.of("50(1)", "50(2)", "50(3)", "50(4)"), CATALOGUE.ofKind(BasisKind.ART50_TYPE).stream().map(Provision::id).toList());
        assertEquals(List.of("6(3)(a)", "6(3)(b)", "6(3)(c)", "6(3)(d)"),
                CATALOGUE.ofKind(BasisKind.ART6_3_EXEMPTION).stream().map(Provision::id).toList());
        Set<String> ids = new HashSet<>();
        for (Provision p : CATALOGUE.all()) {
            assertTrue(ids.add(p.id()), p.id());
            assertFalse(p.title().nl().isBlank() || p.title().en().isBlank() || p.source().isBlank(), p.id());
            assertTrue(p.source().contains("2024/1689") || p.source().contains("2026/1744"), p.id() + ": " + p.source());
        }
        assertTrue(CATALOGUE.byId("5(1)(ba)").orElseThrow().source().contains("reported"));
        assertEquals("ai-act-2026-omnibus", CATALOGUE.byId("5(1)(bb)").orElseThrow().catalogue());
        assertEquals("ai-act-2024", CATALOGUE.byId("5(1)(c)").orElseThrow().catalogue());
    }

    static Stream<Arguments> references() {
        return Stream.of(
                Arguments.of("Art. 5(1)(c)", "5(1)(c)"), Arguments.of("5(1)(c)", "5(1)(c)"), Arguments.of("5.1.c", "5(1)(c)"),
                Arguments.of("Article 5(1)(c)", "5(1)(c)"), Arguments.of("art 5 (1) (c)", "5(1)(c)"),
                Arguments.of("artikel 5, lid 1, onder c", "5(1)(c)"), Arguments.of(" ART.5(1)(C) ", "5(1)(c)"),
                Arguments.of("5(1)(ba)", "5(1)(ba)"), Arguments.of("Art. 5(1)(bb)", "5(1)(bb)"), Arguments.of("5.1.ba", "5(1)(ba)"),
                Arguments.of("5(1)(i)", "5(1)(ba)"), Arguments.of("5(1)(j)", "5(1)(bb)"),
                Arguments.of("III.5(a)", "III.5(a)"), Arguments.of("Annex III point 5(a)", "III.5(a)"), Arguments.of("III.5.a", "III.5(a)"),
                Arguments.of("III.5a", "III.5(a)"), Arguments.of("Annex III, point 5(a)", "III.5(a)"),
                Arguments.of("bijlage III, punt 5, onder a", "III.5(a)"), Arguments.of("III.2", "III.2"),
                Arguments.of("Annex III point 2", "III.2"), Arguments.of("III.5", "III.5"),
                Arguments.of("Regulation (EU) 2017/745", "I.A.11"), Arguments.of("2017/745", "I.A.11"), Arguments.of("MDR", "I.A.11"),
                Arguments.of("Medical Device Regulation (EU) 2017/745, class IIb", "I.A.11"), Arguments.of("I.A.11", "I.A.11"),
                Arguments.of("Annex I section A point 11", "I.A.11"), Arguments.of("Regulation (EC) No 300/2008", "I.B.13"),
                Arguments.of("Directive 2006/42/EC", "I.A.1"), Arguments.of("Regulation (EU) 2023/1230", "I.B.21"),
                Arguments.of("Annex I section B", "I.B"),
                Arguments.of("50(2)", "50(2)"), Arguments.of("Art. 50(4)", "50(4)"), Arguments.of("50.1", "50(1)"),
                Arguments.of("6(3)(a)", "6(3)(a)"), Arguments.of("Art. 6(3)(d)", "6(3)(d)"), Arguments.of("6.3.b", "6(3)(b)"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("references")
    void anIdOrAliasResolvesToOneProvision(String reference, String id) {
        assertEquals(id, CATALOGUE.resolve(reference).map(Provision::id).orElse("(none)"));
        ProvisionResolution r = CATALOGUE.resolve(CATALOGUE.byId(id).orElseThrow().kind(), reference);
        assertTrue(r.resolved(), r.toString());
        assertEquals(id, r.provision().id());
    }

    @Test
    void everyIdAndAliasOfTheCatalogueResolvesToItsProvision() {
        for (Provision p : CATALOGUE.all()) {
            assertEquals(p.id(), CATALOGUE.resolve(p.id()).orElseThrow().id());
            for (String alias : p.aliases()) {
                assertEquals(p.id(), CATALOGUE.resolve(alias).map(Provision::id).orElse("(none)"), alias);
            }
        }
    }

    @Test
    void anUnknownReferenceGetsTheNearestProvisionsOfItsKind() {
        ProvisionResolution r = CATALOGUE.resolve(BasisKind.ART5_PRACTICE, "5(1)(z)");
        assertEquals(ProvisionResolution.Problem.UNKNOWN, r.problem());
        assertEquals(ProvisionCatalogue.NEAREST, r.nearest().size());
        assertTrue(r.nearest().stream().allMatch(p -> p.kind() == BasisKind.ART5_PRACTICE), r.nearest().toString());
        assertEquals("5(1)(a)", r.nearest().get(0).id());
        String message = r.message("bases[0].reference");
        assertTrue(message.startsWith("bases[0].reference: '5(1)(z)' is not a known provision of kind ART5_PRACTICE; nearest: 5(1)(a) ("),
                message);

        ProvisionResolution nine = CATALOGUE.resolve(BasisKind.ANNEX_III_AREA, "Annex III point 9(a)");
        assertFalse(nine.resolved());
        assertTrue(nine.nearest().stream().map(Provision::id).toList().contains("III.8(a)"), nine.nearest().toString());

        ProvisionResolution typo = CATALOGUE.resolve(BasisKind.ANNEX_III_AREA, "III.5(aa)");
        assertEquals("III.5(a)", typo.nearest().get(0).id());

        assertTrue(CATALOGUE.resolve("TOTALLY-MADE-UP").isEmpty());
        assertTrue(CATALOGUE.resolve("").isEmpty());
        assertTrue(CATALOGUE.resolve((String) null).isEmpty());
        assertFalse(CATALOGUE.resolve(BasisKind.ART50_TYPE, null).resolved());
    }

    @Test
    void aProvisionOfAnotherKindIsNamedAsSuch() {
        ProvisionResolution r = CATALOGUE.resolve(BasisKind.ANNEX_III_AREA, "Art. 5(1)(c)");
        assertEquals(ProvisionResolution.Problem.WRONG_KIND, r.problem());
        assertEquals("5(1)(c)", r.provision().id());
        assertTrue(r.nearest().stream().allMatch(p -> p.kind() == BasisKind.ANNEX_III_AREA));
        assertTrue(r.message("bases[1].reference").contains("is 5(1)(c) (Social scoring"), r.message("x"));
        assertTrue(r.message("bases[1].reference").contains("a provision of kind ART5_PRACTICE, not ANNEX_III_AREA"), r.message("x"));
    }

    @Test
    void anActNumberNamedTwiceIsNotGuessed() {
        assertTrue(CATALOGUE.resolve("2017/745 and 2017/746").isEmpty());
        assertEquals("I.A.12", CATALOGUE.resolve("IVDR 2017/746").orElseThrow().id());
    }

    @Test
    void aPointCoversItsLettersAndASectionItsActs() {
        Provision point = CATALOGUE.byId("III.5").orElseThrow();
        assertTrue(CATALOGUE.within(CATALOGUE.byId("III.5(a)").orElseThrow(), point));
        assertTrue(CATALOGUE.within(point, point));
        assertFalse(CATALOGUE.within(CATALOGUE.byId("III.4(a)").orElseThrow(), point));
        assertFalse(CATALOGUE.within(point, CATALOGUE.byId("III.5(a)").orElseThrow()));
        assertTrue(CATALOGUE.within(CATALOGUE.byId("I.B.21").orElseThrow(), CATALOGUE.byId("I.B").orElseThrow()));
        assertFalse(CATALOGUE.within(CATALOGUE.byId("I.A.11").orElseThrow(), CATALOGUE.byId("I.B").orElseThrow()));
    }

    @Test
    void referenceKeysIgnoreCasePunctuationAndKindWords() {
        assertEquals("5.1.c", ReferenceKey.of("Art. 5(1)(c)"));
        assertEquals("iii.5.a", ReferenceKey.of("Annex III point 5(a)"));
        assertEquals("i.a.11", ReferenceKey.of("Annex I, Section A, point 11"));
        assertEquals("iii.5.a", ReferenceKey.of("III5a"));
        assertEquals("", ReferenceKey.of("  (.)  "));
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("unknown-field.yaml", "provision 5(1)(a)", "unknown field 'deadline'"),
                Arguments.of("missing-dutch-title.yaml", "provision 5(1)(a) title", "missing field 'nl'"),
                Arguments.of("blank-title.yaml", "provision 50(1) title", "'nl' must be a non-empty text"),
                Arguments.of("unknown-kind.yaml", "provision 5(1)(a)", "unknown value 'ART5' for kind"),
                Arguments.of("missing-source.yaml", "provision 5(1)(a)", "missing field 'source'"),
                Arguments.of("bad-act.yaml", "provision I.A.11", "act 'MDR' must be an act's number"),
                Arguments.of("bad-id.yaml", "provision 5 (1) (a)", "must be 1 to 40 letters, digits, dots and parentheses"),
                Arguments.of("no-provisions.yaml", "header of bad", "missing field 'provisions'"),
                Arguments.of("duplicate-key.yaml", "YAML", "Duplicate Object property \"title\""));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("malformed")
    void aMalformedFileFailsNamingFileProvisionAndProblem(String file, String where, String problem) throws Exception {
        InvalidProvisionCatalogueException e;
        try (InputStream in = getClass().getResourceAsStream("/provisions-malformed/" + file)) {
            e = assertThrows(InvalidProvisionCatalogueException.class, () -> new ProvisionCatalogueLoader().read("provisions-malformed/"
                    + file, in));
        }
        assertMessage(e, file, where, problem);
    }

    static Stream<Arguments> inconsistent() {
        return Stream.of(
                Arguments.of("alias-clash.yaml", "provision 5(1)(b)", "id or alias '5.1.a'", "also names provision 5(1)(a)"),
                Arguments.of("duplicate-id.yaml", "provision 5(1)(a)", "duplicate id", "catalogue bad"),
                Arguments.of("unknown-parent.yaml", "provision III.5(a)", "unknown parent 'III.5'", "III.5"),
                Arguments.of("parent-of-other-kind.yaml", "provision III.5", "parent 5(1)(a) is of kind ART5_PRACTICE", "ANNEX_III_AREA"));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("inconsistent")
    void anInconsistentCatalogueFailsNamingFileProvisionAndProblem(String file, String where, String problem, String more)
            throws Exception {
        ProvisionCatalogueLoader loader = new ProvisionCatalogueLoader();
        ProvisionCatalogueLoader.CatalogueFile read;
        try (InputStream in = getClass().getResourceAsStream("/provisions-malformed/" + file)) {
            read = loader.read("provisions-malformed/" + file, in);
        }
        InvalidProvisionCatalogueException e = assertThrows(InvalidProvisionCatalogueException.class,
                () -> loader.catalogue(List.of(read)));
        assertMessage(e, file, where, problem);
        assertTrue(e.getMessage().contains(more), e.getMessage());
    }

    @Test
    void twoFilesWithTheSameIdFail() throws Exception {
        ProvisionCatalogueLoader loader = new ProvisionCatalogueLoader();
        ProvisionCatalogueLoader.CatalogueFile a;
        ProvisionCatalogueLoader.CatalogueFile b;
        try (InputStream in = getClass().getResourceAsStream("/provisions/ai-act-2024.yaml")) {
            a = loader.read("one/ai-act-2024.yaml", in);
        }
        try (InputStream in = getClass().getResourceAsStream("/provisions/ai-act-2024.yaml")) {
            b = loader.read("two/ai-act-2024.yaml", in);
        }
        ProvisionCatalogueLoader.CatalogueFile first = a;
        ProvisionCatalogueLoader.CatalogueFile second = b;
        InvalidProvisionCatalogueException e = assertThrows(InvalidProvisionCatalogueException.class,
                () -> loader.catalogue(List.of(first, second)));
        assertTrue(e.getMessage().contains("two/ai-act-2024.yaml") && e.getMessage().contains("duplicate catalogue id 'ai-act-2024'"),
                e.getMessage());
    }

    private static void assertMessage(InvalidProvisionCatalogueException e, String file, String where, String problem) {
        assertTrue(e.getMessage().contains("provisions-malformed/" + file), e.getMessage());
        assertTrue(e.where().startsWith(where), e.getMessage());
        assertTrue(e.problem().contains(problem), e.getMessage());
    }
}
