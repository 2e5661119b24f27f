package eu.aiact.tracker.webapp.system;

import java.util.List;
import java.util.Optional;

import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.Role;

/**
 * Every command of the command service, as a form: its path below {@code /api/systems[/{id}]} and its fields, named as in the request
 * body (README, command table). {@link #REGISTER} creates a system; the others act on one.
 */
public enum Command {
    REGISTER("", List.of(Field.of("organisation", FieldKind.ORGANISATION, true), Field.text("name", true), Field.area("description", false),
            Field.text("purpose", false), Field.select("developedBy", DevelopedBy.class, false), Field.text("supplier", false),
            Field.text("model", false), Field.yesNo("generativeAi"), Field.select("role", Role.class, false),
            Field.yesNo("publicAuthority"), Field.select("initialPhase", InitialPhase.class, true), Field.date("effectiveDate"),
            Field.area("reason", false))),
    EXPERIMENT("experiment", List.of(Field.date("effectiveDate"), Field.area("reason", false))),
    SERVICE("service", List.of(Field.date("effectiveDate"), Field.area("reason", false))),
    PAUSE("pause", List.of(Field.date("effectiveDate"), Field.area("reason", false))),
    RESUME("resume", List.of(Field.date("effectiveDate"), Field.area("reason", false))),
    END("end", List.of(Field.date("effectiveDate"), Field.select("endReason", EndReason.class, true), Field.area("explanation", false),
            Field.area("reason", false))),
    CLASSIFICATION("classification", List.of(Field.select("riskClass", RiskClass.class, true), Field.of("bases", FieldKind.BASES, false),
            Field.checkbox("annexXComponent"), Field.select("gpai", GpaiRelation.class, false), Field.area("rationale", true),
            Field.date("effectiveDate"), Field.date("reviewDate"), Field.area("reason", false))),
    MODIFICATION("modifications", List.of(Field.date("effectiveDate"), Field.area("description", true), Field.area("reason", false))),
    ASSESSMENT("assessments", List.of(Field.of("assessmentId", FieldKind.ASSESSMENT, false),
            Field.select("type", AssessmentType.class, false), Field.text("name", false),
            Field.select("status", AssessmentStatus.class, true), Field.date("effectiveDate"), Field.text("reference", false),
            Field.area("reason", false))),
    REGISTRATION("registrations", List.of(Field.select("register", PublicRegister.class, true),
            Field.select("category", AlgoritmeregisterCategory.class, false), Field.text("registerId", true), Field.date("effectiveDate"),
            Field.date("reviewDate"), Field.area("reason", false))),
    EVIDENCE("evidence", List.of(Field.of("obligationCode", FieldKind.OBLIGATION, true), Field.select("kind", EvidenceKind.class, true),
            Field.area("statement", true), Field.text("reference", false), Field.date("effectiveDate"), Field.area("reason", false))),
    CORRECTION("corrections", List.of(Field.select("fact", CorrectableFact.class, true), Field.text("value", false),
            Field.area("rationale", true), Field.area("reason", false)));

    /** The phases a system may be registered in. */
    public enum InitialPhase {
        PLANNED, EXPERIMENT, IN_USE
    }

    private final String path;
    private final List<Field> fields;

    Command(String path, List<Field> fields) {
        this.path = path;
        this.fields = fields;
    }

    public String path() {
        return path;
    }

    public List<Field> fields() {
        return fields;
    }

    /** The command's name in the web application's addresses: {@code /systems/{id}/commands/<slug>}. */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Command> ofSlug(String slug) {
        for (Command command : values()) {
            if (command != REGISTER && command.slug().equals(slug)) {
                return Optional.of(command);
            }
        }
        return Optional.empty();
    }

    /** The commands offered for a system in this phase (the command service decides; this only leaves out what cannot apply). */
    public static List<Command> offeredFor(String phase, boolean paused) {
        List<Command> offered = new java.util.ArrayList<>();
        boolean ended = "ENDED".equals(phase);
        if ("PLANNED".equals(phase)) {
            offered.add(EXPERIMENT);
        }
        if ("PLANNED".equals(phase) || "EXPERIMENT".equals(phase)) {
            offered.add(SERVICE);
        }
        if ("IN_USE".equals(phase)) {
            offered.add(paused ? RESUME : PAUSE);
        }
        if (!ended) {
            offered.addAll(List.of(END, CLASSIFICATION, MODIFICATION, ASSESSMENT, REGISTRATION));
        }
        offered.addAll(List.of(EVIDENCE, CORRECTION));
        return offered;
    }
}
