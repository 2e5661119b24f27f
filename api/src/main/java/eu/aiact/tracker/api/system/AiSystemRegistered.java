package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/**
 * Event: an AI system was added to an organisation's inventory. Published contract: never change the meaning of a field.
 * Events recorded before the domain model (walking skeleton) lack the fields after {@code phase}; readers treat them as unknown.
 *
 * @param effectiveDate the date from which {@code phase} holds
 */
public record AiSystemRegistered(
        String systemId,
        String organisation,
        String name,
        String description,
        Phase phase,
        String purpose,
        DevelopedBy developedBy,
        String supplier,
        String model,
        Boolean generativeAi,
        Role role,
        Boolean publicAuthority,
        LocalDate effectiveDate) {
}
