package eu.aiact.tracker.api.system;

/**
 * Where an AI system is in its life. Planned (in development or procurement) -> experiment (including a pilot in a controlled,
 * non-production setting) -> in use (put into service on a date) -> ended. An experiment may end without ever going into use. Pausing is
 * not a phase: a paused system keeps its phase.
 */
public enum Phase {
    PLANNED,
    EXPERIMENT,
    IN_USE,
    ENDED
}
