package eu.aiact.tracker.api.system;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Command: add an AI system to an organisation's inventory.
 *
 * @param systemId     identifier chosen by the caller (the REST layer generates a UUID)
 * @param organisation the organisation that keeps the system in its inventory
 * @param name         the system's name as the organisation uses it
 * @param description  a short description of what it does
 * @param initialPhase experiment or in use
 */
public record RegisterAiSystem(
        @TargetAggregateIdentifier String systemId,
        String organisation,
        String name,
        String description,
        Phase initialPhase) {
}
