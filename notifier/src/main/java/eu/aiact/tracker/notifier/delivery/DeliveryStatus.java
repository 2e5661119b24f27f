package eu.aiact.tracker.notifier.delivery;

/** PENDING until sent; DEAD after the last failed attempt (a dead letter an operator can retry). */
public enum DeliveryStatus {
    PENDING,
    SENT,
    DEAD
}
