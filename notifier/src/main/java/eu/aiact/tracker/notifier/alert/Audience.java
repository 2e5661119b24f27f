package eu.aiact.tracker.notifier.alert;

/** Who reads an alert by email: the CIO office (everything) or the reviewers (lowered classifications). */
public enum Audience {
    CIO_OFFICE,
    REVIEWERS
}
