package eu.aiact.tracker.domain.provision;

import java.util.List;
import java.util.stream.Collectors;

import eu.aiact.tracker.api.classification.BasisKind;

/**
 * What a reference given for a basis of some kind resolves to: the provision, or why not (unknown, or a provision of another kind), with
 * the nearest provisions of the kind asked for.
 */
public record ProvisionResolution(String reference, BasisKind kind, Provision provision, Problem problem, List<Provision> nearest) {

    public enum Problem {
        /** The reference names a provision of the kind asked for. */
        NONE,
        /** The reference names no provision. */
        UNKNOWN,
        /** The reference names a provision of another kind. */
        WRONG_KIND
    }

    public boolean resolved() {
        return problem == Problem.NONE;
    }

    /**
     * A message for a refusal, e.g. {@code bases[0].reference: '5(1)(z)' is not a known provision of kind ART5_PRACTICE; nearest:
     * 5(1)(a) (...), ... (the catalogue: GET /api/provisions)}. Only for an unresolved reference.
     */
    public String message(String field) {
        return field + ": " + problemText() + " (the catalogue: GET /api/provisions)";
    }

    /** What is wrong with the reference and the nearest provisions, e.g. {@code '5(1)(z)' is not a known provision of kind ...}. */
    public String problemText() {
        if (resolved()) {
            throw new IllegalStateException("'" + reference + "' resolved to " + provision.id());
        }
        StringBuilder out = new StringBuilder("'").append(reference).append("' ");
        if (problem == Problem.WRONG_KIND) {
            out.append("is ").append(provision.label()).append(", a provision of kind ").append(provision.kind()).append(", not ")
                    .append(kind);
        } else {
            out.append("is not a known provision of kind ").append(kind);
        }
        if (!nearest.isEmpty()) {
            out.append("; nearest: ").append(nearest.stream().map(Provision::label).collect(Collectors.joining(", ")));
        }
        return out.toString();
    }
}
