package eu.aiact.tracker.api.rulebook;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Command: record that a rulebook version (a version of the law, or a national rule set) became the one that applies. Sent by the query
 * service, which holds the rulebooks, when its clock reaches the version's in-force date.
 *
 * @param versionId   the rulebook version's id, e.g. {@code ai-act-2026-omnibus}
 * @param inForceFrom the date from which the version applies
 * @param legalSource the legal act, as the rulebook cites it
 */
public record ApplyRulebookVersion(
        @TargetAggregateIdentifier String versionId,
        String title,
        String legalSource,
        LocalDate inForceFrom) {
}
