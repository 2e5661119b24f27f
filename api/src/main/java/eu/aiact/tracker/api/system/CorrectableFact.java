package eu.aiact.tracker.api.system;

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
}
