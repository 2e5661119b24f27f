package eu.aiact.tracker.api.system;

import java.util.Set;

/** The recorded facts a correction may replace, each with the kind of value it takes. */
public enum CorrectableFact {
    NAME(ValueKind.TEXT),
    DESCRIPTION(ValueKind.TEXT),
    PURPOSE(ValueKind.TEXT),
    SUPPLIER(ValueKind.TEXT),
    MODEL(ValueKind.TEXT),
    DEVELOPED_BY(ValueKind.DEVELOPED_BY),
    ROLE(ValueKind.ROLE),
    GENERATIVE_AI(ValueKind.BOOLEAN),
    PUBLIC_AUTHORITY(ValueKind.BOOLEAN),
    REGISTERED_ON(ValueKind.DATE),
    EXPERIMENT_STARTED_ON(ValueKind.DATE),
    IN_SERVICE_SINCE(ValueKind.DATE),
    ENDED_ON(ValueKind.DATE),
    END_REASON(ValueKind.END_REASON);

    /** How a corrected value is written. */
    public enum ValueKind {
        TEXT, DATE, BOOLEAN, ROLE, DEVELOPED_BY, END_REASON
    }

    private final ValueKind valueKind;

    CorrectableFact(ValueKind valueKind) {
        this.valueKind = valueKind;
    }

    public ValueKind valueKind() {
        return valueKind;
    }

    /**
     * The dates a correction of this fact sets. A system registered as an experiment or in use was registered on the day that phase
     * began, so its registration date and that phase's start are one fact: correcting either moves both.
     *
     * @param initialPhase the phase the system was registered in (null for events that predate it: treated as planned)
     */
    public Set<CorrectableFact> datesMoved(Phase initialPhase) {
        if (valueKind != ValueKind.DATE) {
            return Set.of();
        }
        CorrectableFact phaseStart = initialPhase == Phase.EXPERIMENT ? EXPERIMENT_STARTED_ON
                : initialPhase == Phase.IN_USE ? IN_SERVICE_SINCE : null;
        if (phaseStart != null && (this == REGISTERED_ON || this == phaseStart)) {
            return Set.of(REGISTERED_ON, phaseStart);
        }
        return Set.of(this);
    }
}
