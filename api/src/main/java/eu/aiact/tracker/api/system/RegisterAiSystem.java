package eu.aiact.tracker.api.system;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Command: add an AI system to an organisation's inventory.
 *
 * @param systemId        identifier chosen by the caller (the REST layer generates a UUID)
 * @param organisation    the organisation that keeps the system in its inventory
 * @param purpose         purpose or application category
 * @param supplier        supplier, when purchased or built in partnership
 * @param model           the model or product the system is built on
 * @param initialPhase    planned, experiment or in use
 * @param effectiveDate   the date from which the initial phase holds (may lie in the past; empty means today)
 */
public record RegisterAiSystem(
        @TargetAggregateIdentifier String systemId,
        String organisation,
        String name,
        String description,
        String purpose,
        DevelopedBy developedBy,
        String supplier,
        String model,
        Boolean generativeAi,
        Role role,
        Boolean publicAuthority,
        Phase initialPhase,
        LocalDate effectiveDate) {
}
