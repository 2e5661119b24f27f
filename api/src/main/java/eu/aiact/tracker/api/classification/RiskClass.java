package eu.aiact.tracker.api.classification;

/** Risk class under the AI Act, ordered from unknown to prohibited. */
public enum RiskClass {
    UNKNOWN,
    MINIMAL,
    LIMITED,
    HIGH,
    PROHIBITED;

    /** High and prohibited: lowering either needs a written rationale and a review. */
    public boolean isSevere() {
        return this == HIGH || this == PROHIBITED;
    }
}
