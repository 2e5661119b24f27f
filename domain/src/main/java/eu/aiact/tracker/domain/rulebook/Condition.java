package eu.aiact.tracker.domain.rulebook;

import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import eu.aiact.tracker.domain.provision.Provision;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;

/**
 * One condition of a rule or schedule case, compiled from the rulebook file at load time. {@link #test} decides; {@link #describe} writes
 * the facts that made it hold, for the obligation's reason.
 */
public interface Condition {

    boolean test(SystemFacts facts);

    /** Appends the facts this condition looked at, e.g. "risk class HIGH". */
    void describe(SystemFacts facts, StringBuilder out);

    /** Whether all conditions hold. */
    static boolean all(Condition[] conditions, SystemFacts facts) {
        for (Condition condition : conditions) {
            if (!condition.test(facts)) {
                return false;
            }
        }
        return true;
    }

    /** Appends the description of each condition, separated by commas. */
    static void describeAll(Condition[] conditions, SystemFacts facts, StringBuilder out) {
        for (int i = 0; i < conditions.length; i++) {
            if (i > 0) {
                out.append(", ");
            }
            conditions[i].describe(facts, out);
        }
    }

    /** {@code riskClass: [..]}. A missing class counts as UNKNOWN. */
    record RiskClassIn(EnumSet<RiskClass> classes) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return classes.contains(facts.riskClass() == null ? RiskClass.UNKNOWN : facts.riskClass());
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            out.append("risk class ").append(facts.riskClass() == null ? RiskClass.UNKNOWN : facts.riskClass());
        }
    }

    /** {@code phase: [..]}. */
    record PhaseIn(EnumSet<Phase> phases) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return facts.phase() != null && phases.contains(facts.phase());
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            out.append("phase ").append(facts.phase());
        }
    }

    /** {@code gpai: [..]}. A missing relation counts as NONE. */
    record GpaiIn(EnumSet<GpaiRelation> relations) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return relations.contains(facts.gpai() == null ? GpaiRelation.NONE : facts.gpai());
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            out.append("general-purpose AI: ").append(facts.gpai() == null ? GpaiRelation.NONE : facts.gpai());
        }
    }

    /** {@code role: [..]}: the organisation's role. A role not recorded counts as DEPLOYER, as for the bearer. */
    record RoleIn(EnumSet<Role> roles) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return roles.contains(facts.role() == null ? Role.DEPLOYER : facts.role());
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            out.append("role ").append(facts.role() == null ? "DEPLOYER (not recorded)" : facts.role());
        }
    }

    /** The yes/no facts a condition can test. */
    enum Flag {
        PUBLIC_AUTHORITY("public authority", "not a public authority"),
        GENERATIVE_AI("generative AI", "not generative AI"),
        ANNEX_X_COMPONENT("component of an Annex X large-scale EU IT system", "not an Annex X component"),
        SIGNIFICANTLY_MODIFIED("significantly modified", "not significantly modified"),
        GPAI_SYSTEMIC_RISK("general-purpose AI model with systemic risk (Art 51)", "no systemic risk recorded (Art 51)"),
        GPAI_OPEN_SOURCE("released under a free and open-source licence", "not released under a free and open-source licence");

        private final String yes;
        private final String no;

        Flag(String yes, String no) {
            this.yes = yes;
            this.no = no;
        }

        boolean of(SystemFacts facts) {
            if (this == PUBLIC_AUTHORITY) {
                return facts.publicAuthority();
            }
            if (this == GENERATIVE_AI) {
                return facts.generativeAi();
            }
            if (this == ANNEX_X_COMPONENT) {
                return facts.annexXComponent();
            }
            if (this == GPAI_SYSTEMIC_RISK) {
                return facts.gpaiSystemicRisk();
            }
            if (this == GPAI_OPEN_SOURCE) {
                return facts.gpaiOpenSource();
            }
            return facts.significantModifications() != null && !facts.significantModifications().isEmpty();
        }
    }

    /** {@code publicAuthority / generativeAi / annexXComponent / significantlyModified: true|false}. */
    record FlagIs(Flag flag, boolean expected) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return flag.of(facts) == expected;
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            out.append(flag.of(facts) ? flag.yes : flag.no);
        }
    }

    /** {@code basisKinds: [..]}: the classification has a basis of one of these kinds. */
    record BasisKindIn(EnumSet<BasisKind> kinds) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return first(facts) != null;
        }

        private ClassificationBasis first(SystemFacts facts) {
            List<ClassificationBasis> bases = facts.bases();
            if (bases != null) {
                for (ClassificationBasis basis : bases) {
                    if (basis != null && basis.kind() != null && kinds.contains(basis.kind())) {
                        return basis;
                    }
                }
            }
            return null;
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            ClassificationBasis basis = first(facts);
            if (basis == null) {
                out.append("no basis of kind ").append(kinds);
            } else {
                out.append("basis ").append(basis.kind()).append(' ').append(basis.reference());
            }
        }
    }

    /**
     * {@code basis: {kind, references, except}}: the classification has a basis of that kind whose provision (its reference resolved
     * through the catalogue of provisions, so any alias counts) is within one of {@code references} (when given: the provision itself or
     * one of its children, e.g. {@code III.5} holds for {@code III.5(a)}) and within none of {@code except}. A reference the catalogue
     * does not know is within none of them: it fails {@code references} and passes {@code except} (the stricter reading of an unknown
     * Art 5 practice is the ban that applies earliest).
     */
    record BasisMatches(BasisKind kind, List<Provision> references, List<Provision> except, ProvisionCatalogue catalogue)
            implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return first(facts) != null;
        }

        private ClassificationBasis first(SystemFacts facts) {
            List<ClassificationBasis> bases = facts.bases();
            if (bases != null) {
                for (ClassificationBasis basis : bases) {
                    if (basis != null && basis.kind() == kind && matches(provision(basis))) {
                        return basis;
                    }
                }
            }
            return null;
        }

        private Provision provision(ClassificationBasis basis) {
            Provision p = catalogue.resolve(basis.reference()).orElse(null);
            return p != null && p.kind() == kind ? p : null;
        }

        private boolean matches(Provision provision) {
            if (!references.isEmpty() && (provision == null || !within(provision, references))) {
                return false;
            }
            return provision == null || !within(provision, except);
        }

        private boolean within(Provision provision, List<Provision> ancestors) {
            for (Provision ancestor : ancestors) {
                if (catalogue.within(provision, ancestor)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            ClassificationBasis basis = first(facts);
            if (basis == null) {
                out.append("no basis ").append(kind);
                if (!references.isEmpty()) {
                    out.append(' ').append(references.stream().map(Provision::id).toList());
                }
                if (!except.isEmpty()) {
                    out.append(" other than ").append(except.stream().map(Provision::id).toList());
                }
                return;
            }
            Provision provision = provision(basis);
            out.append("basis ").append(basis.kind()).append(' ');
            if (provision == null) {
                out.append(basis.reference()).append(" (not in the catalogue of provisions)");
            } else {
                out.append(provision.id());
                if (basis.reference() != null && !basis.reference().strip().equals(provision.id())) {
                    out.append(" (recorded as '").append(basis.reference().strip()).append("')");
                }
            }
        }
    }

    /** {@code inServiceBefore: milestone}: put into service before the milestone's date. */
    record InServiceBefore(String milestone, LocalDate date) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            return facts.inServiceSince() != null && facts.inServiceSince().isBefore(date);
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            if (facts.inServiceSince() == null) {
                out.append("never put into service");
            } else {
                out.append("in service since ").append(facts.inServiceSince()).append(test(facts) ? ", before " : ", not before ")
                        .append(date);
            }
        }
    }

    /** {@code anyOf: [{..}, {..}]}: one of the groups holds (all conditions of that group). */
    record AnyOf(List<Condition[]> groups) implements Condition {
        @Override
        public boolean test(SystemFacts facts) {
            for (Condition[] group : groups) {
                if (all(group, facts)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void describe(SystemFacts facts, StringBuilder out) {
            for (Condition[] group : groups) {
                if (all(group, facts)) {
                    describeAll(group, facts, out);
                    return;
                }
            }
            out.append("none of the alternatives");
        }
    }
}
