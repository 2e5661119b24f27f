package eu.aiact.tracker.webapp.classification;

import java.util.ArrayList;
import java.util.List;

/**
 * The classification aid's decision: from the answers to the questionnaire (the provisions ticked per kind, profiling, the role and the
 * general-purpose AI relation) the risk class the AI Act gives and its legal grounds, so that a CIO office need not know the Annex
 * references. The command service checks the class against its grounds when it is recorded.
 * <ul>
 * <li>an Art 5 practice: prohibited (Art 5);</li>
 * <li>an Annex I product (or safety component) needing third-party conformity assessment: high (Art 6(1));</li>
 * <li>an Annex III area: high (Art 6(2)), unless an Art 6(3) condition applies and the system does not profile natural persons (the last
 * subparagraph of Art 6(3)): then the exemption is the ground, and the class follows from Art 50;</li>
 * <li>an Art 50 type: limited (transparency);</li>
 * <li>otherwise minimal.</li>
 * </ul>
 */
public final class ClassificationAid {

    /** The answers. Each list holds provision ids of its kind. */
    public record Answers(String role, List<String> practices, List<String> products, List<String> areas, List<String> exemptions,
            boolean profiling, List<String> transparency, String gpai) {

        public Answers {
            practices = List.copyOf(practices);
            products = List.copyOf(products);
            areas = List.copyOf(areas);
            exemptions = List.copyOf(exemptions);
            transparency = List.copyOf(transparency);
        }
    }

    /** A ground: its kind (BasisKind) and provision. */
    public record Ground(String kind, String reference) {
        public String value() {
            return kind + "|" + reference;
        }
    }

    /** The proposal: class, grounds, and which rule decided (a message key). */
    public record Proposal(String riskClass, List<Ground> grounds, String because) {
    }

    private ClassificationAid() {
    }

    public static Proposal propose(Answers answers) {
        if (!answers.practices().isEmpty()) {
            return new Proposal("PROHIBITED", grounds("ART5_PRACTICE", answers.practices()), "aid.because.prohibited");
        }
        List<Ground> high = new ArrayList<>(grounds("ANNEX_I_PRODUCT", answers.products()));
        boolean exempted = !answers.areas().isEmpty() && !answers.exemptions().isEmpty() && !answers.profiling();
        if (!answers.areas().isEmpty() && !exempted) {
            high.addAll(grounds("ANNEX_III_AREA", answers.areas()));
        }
        if (!high.isEmpty()) {
            return new Proposal("HIGH", high, !answers.areas().isEmpty() && !answers.exemptions().isEmpty() && answers.profiling()
                    ? "aid.because.profiling" : "aid.because.high");
        }
        List<Ground> grounds = new ArrayList<>();
        if (exempted) {
            grounds.addAll(grounds("ART6_3_EXEMPTION", answers.exemptions()));
        }
        if (!answers.transparency().isEmpty()) {
            grounds.addAll(grounds("ART50_TYPE", answers.transparency()));
            return new Proposal("LIMITED", grounds, exempted ? "aid.because.exemptedLimited" : "aid.because.limited");
        }
        return new Proposal("MINIMAL", grounds, exempted ? "aid.because.exempted" : "aid.because.minimal");
    }

    private static List<Ground> grounds(String kind, List<String> references) {
        return references.stream().map(reference -> new Ground(kind, reference)).toList();
    }
}
