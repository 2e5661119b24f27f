package eu.aiact.tracker.api.system;

/** Why a system ended, from the reasons organisations gave the court of audit; OTHER needs an explanation. */
public enum EndReason {
    INEFFECTIVE,
    LEGAL_ADVICE,
    NO_CAPACITY,
    REPLACED,
    NO_LONGER_NEEDED,
    OTHER
}
