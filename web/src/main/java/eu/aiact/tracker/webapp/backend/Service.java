package eu.aiact.tracker.webapp.backend;

/** The services the web application calls. */
public enum Service {
    COMMAND, QUERY, NOTIFIER, IMPORT
}
