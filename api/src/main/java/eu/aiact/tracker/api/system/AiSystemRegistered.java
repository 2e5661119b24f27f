package eu.aiact.tracker.api.system;

/**
 * Event: an AI system was added to an organisation's inventory. Published contract: never change the meaning of a field.
 */
public record AiSystemRegistered(
        String systemId,
        String organisation,
        String name,
        String description,
        Phase phase) {
}
