package eu.aiact.tracker.api.system;

/** Who built the system, as the court of audit's inventory records it. */
public enum DevelopedBy {
    INTERNAL,
    PURCHASED,
    PARTNERSHIP
}
