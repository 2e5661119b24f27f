package eu.aiact.tracker.query.obligation;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import java.time.LocalDate;

import eu.aiact.tracker.api.system.Role;

/** One stored obligation of one system, as listed across systems: the obligation with the system it belongs to. */
public record ObligationRow(
        String systemId,
        String systemName,
        String organisation,
        String code,
        String title,
        String article,
        Role bearer,
        LocalDate dueDate,
        ObligationStatus status,
        String rulebook,
        String reason,
        String source,
        LocalDate evaluatedOn) {
}
