package eu.aiact.tracker.domain.system;

import java.util.ArrayList;
import java.util.List;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.domain.provision.Provision;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;
import eu.aiact.tracker.domain.provision.ProvisionResolution;

/**
 * Which legal grounds a risk class needs, and what lowering a severe class takes. The court of audit names an incentive to classify
 * systems lower than they are: lowering a high or prohibited class therefore needs a substantial written rationale and is flagged for review.
 */
final class ClassificationPolicy {

    /** Characters a rationale for lowering a high or prohibited class must have at least. */
    static final int LOWERING_RATIONALE_MIN_LENGTH = 100;

    private ClassificationPolicy() {
    }

    /**
     * Checks the legal grounds of a class against the catalogue of provisions and answers them with each reference replaced by its
     * provision's canonical id (so {@code Art. 5(1)(c)} is stored as {@code 5(1)(c)}). A reference the catalogue does not know, or one
     * that names a provision of another kind, is refused naming {@code bases[i].reference} and the nearest provisions of its kind.
     */
    static List<ClassificationBasis> checkBases(RiskClass riskClass, List<ClassificationBasis> bases, ProvisionCatalogue catalogue) {
        List<ClassificationBasis> canonical = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            ClassificationBasis basis = bases.get(i);
            String field = "bases[" + i + "]";
            if (basis == null || basis.kind() == null) {
                throw new InvalidCommandException(field + ".kind", field + ".kind is required: one of " + List.of(BasisKind.values()));
            }
            if (basis.reference() == null || basis.reference().isBlank()) {
                throw new InvalidCommandException(field + ".reference",
                        field + ".reference is required: the provision it points at, e.g. 5(1)(c), III.5(a), 50(1) (GET /api/provisions)");
            }
            ProvisionResolution resolution = catalogue.resolve(basis.kind(), basis.reference().strip());
            if (!resolution.resolved()) {
                throw new InvalidCommandException(field + ".reference", resolution.message(field + ".reference"),
                        resolution.nearest().stream().map(Provision::id).toList());
            }
            if (basis.kind() == BasisKind.ART5_PRACTICE && riskClass != RiskClass.PROHIBITED) {
                throw new InvalidCommandException(field + ".kind", field + ".kind: an Art 5 practice makes a system PROHIBITED, not " + riskClass);
            }
            if (basis.kind() == BasisKind.ART6_3_EXEMPTION && riskClass.isSevere()) {
                throw new InvalidCommandException(field + ".kind", field + ".kind: an Art 6(3) exemption means the system is not high-risk; it cannot "
                        + "ground a " + riskClass + " class");
            }
            canonical.add(new ClassificationBasis(basis.kind(), resolution.provision().id()));
        }
        switch (riskClass) {
            case PROHIBITED -> requireKind(bases, riskClass, BasisKind.ART5_PRACTICE);
            case HIGH -> requireKind(bases, riskClass, BasisKind.ANNEX_III_AREA, BasisKind.ANNEX_I_PRODUCT);
            case LIMITED -> requireKind(bases, riskClass, BasisKind.ART50_TYPE);
            default -> {
                // minimal and unknown need no ground
            }
        }
        if (has(bases, BasisKind.ART6_3_EXEMPTION) && !has(bases, BasisKind.ANNEX_III_AREA)) {
            throw new InvalidCommandException("bases", "an Art 6(3) exemption applies to an Annex III system: name its ANNEX_III_AREA too");
        }
        return List.copyOf(canonical);
    }

    /** True when the change lowers a high or prohibited class; the rationale must then be long enough. */
    static boolean checkLowering(RiskClass previous, RiskClass next, String rationale) {
        boolean lowering = previous.isSevere() && next.ordinal() < previous.ordinal();
        if (lowering && (rationale == null || rationale.strip().length() < LOWERING_RATIONALE_MIN_LENGTH)) {
            throw new InvalidCommandException("rationale", "lowering a " + previous + " class to " + next + " needs a written rationale of at "
                    + "least " + LOWERING_RATIONALE_MIN_LENGTH + " characters (Art 6(3)-(4) documentation); it will be flagged for review");
        }
        return lowering;
    }

    private static void requireKind(List<ClassificationBasis> bases, RiskClass riskClass, BasisKind... kinds) {
        for (BasisKind kind : kinds) {
            if (has(bases, kind)) {
                return;
            }
        }
        throw new InvalidCommandException("bases", "a " + riskClass + " class needs a basis of kind " + List.of(kinds).stream()
                .map(Enum::name).reduce((a, b) -> a + " or " + b).orElseThrow());
    }

    private static boolean has(List<ClassificationBasis> bases, BasisKind kind) {
        return bases.stream().anyMatch(b -> b.kind() == kind);
    }
}
