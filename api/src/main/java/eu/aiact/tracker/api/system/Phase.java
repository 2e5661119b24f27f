package eu.aiact.tracker.api.system;

/**
 * Where an AI system is in its life. An experiment (including a pilot in a controlled, non-production setting) may go into use or end
 * without ever being used; a system in use ends on a date.
 */
public enum Phase {
    EXPERIMENT,
    IN_USE
}
