package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/** Event: a paused system was resumed on {@code effectiveDate}. */
public record SystemResumed(
        String systemId,
        LocalDate effectiveDate) {
}
