package eu.aiact.tracker.api.classification;

/** Whether the system is, or is built on, a general-purpose AI model (Art 3(63), Chapter V). */
public enum GpaiRelation {
    NONE,
    USES_GPAI_MODEL,
    IS_GPAI_MODEL
}
