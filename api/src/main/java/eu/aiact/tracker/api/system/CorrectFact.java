package eu.aiact.tracker.api.system;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Command: correct a fact recorded earlier. History is never edited: the correction is an event of its own that keeps the old value.
 *
 * @param value     the corrected value, written as {@link CorrectableFact.ValueKind} says (ISO date, true/false, enum name, text)
 * @param rationale why the recorded value was wrong
 */
public record CorrectFact(
        @TargetAggregateIdentifier String systemId,
        CorrectableFact fact,
        String value,
        String rationale,
        @TargetAggregateVersion Long expectedVersion) {
}
