package eu.aiact.tracker.api.compliance;

/** Evidence that an obligation is fulfilled, or a reasoned statement that it does not apply. */
public enum EvidenceKind {
    FULFILLED,
    NOT_APPLICABLE
}
