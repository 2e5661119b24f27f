package eu.aiact.tracker.api.compliance;

/** The Dutch national algorithm register, and the EU database for high-risk systems (Art 49, Art 71). */
public enum PublicRegister {
    ALGORITMEREGISTER,
    EU_DATABASE
}
