package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/** Event: the system was significantly modified on {@code effectiveDate}; after the Art 111(2) cut-off this ends grandfathering. */
public record SignificantModificationRecorded(
        String systemId,
        LocalDate effectiveDate,
        String description) {
}
