package eu.aiact.tracker.command.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an accepted command: the system, its version after the command (send it as {@code expectedVersion} with the next one
 * to detect concurrent changes), and for an assessment its id.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandOutcome(String id, long version, String assessmentId) {
}
