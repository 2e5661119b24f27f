package eu.aiact.tracker.api.compliance;

/** Categories of the Algoritmeregister: A high-risk AI, B impactful algorithm, C other. */
public enum AlgoritmeregisterCategory {
    A,
    B,
    C
}
