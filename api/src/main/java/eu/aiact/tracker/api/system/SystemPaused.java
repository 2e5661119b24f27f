package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/** Event: the system was temporarily paused on {@code effectiveDate}; its phase is unchanged. */
public record SystemPaused(
        String systemId,
        LocalDate effectiveDate,
        String reason) {
}
