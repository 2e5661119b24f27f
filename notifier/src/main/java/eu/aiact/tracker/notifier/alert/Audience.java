package eu.aiact.tracker.notifier.alert;

/**
 * Who reads an alert by email: the CIO office (everything), the reviewers (lowered classifications), or the platform's own address (the
 * daily notice of alerts that reached nobody).
 */
public enum Audience {
    CIO_OFFICE,
    REVIEWERS,
    PLATFORM
}
