package eu.aiact.tracker.query.obligation;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import java.time.LocalDate;

/** Which stored obligations to list; a null field does not filter. {@code dueBefore} is exclusive. */
public record ObligationFilter(String organisation, String systemId, ObligationStatus status, LocalDate dueBefore) {
}
