package eu.aiact.tracker.notifier.delivery;

/** Where an alert goes. */
public enum Channel {
    KAFKA,
    WEBHOOK,
    EMAIL,
    /** One daily mail listing an organisation's alerts (recipients in digest mode); its delivery key is the digest key. */
    EMAIL_DIGEST
}
