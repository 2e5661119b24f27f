package eu.aiact.tracker.notifier.alert;

/** How urgent an alert is, lowest first. */
public enum Severity {
    INFO,
    WARNING,
    HIGH,
    CRITICAL
}
