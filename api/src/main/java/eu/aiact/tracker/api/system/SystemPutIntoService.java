package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/** Event: the system was put into service on {@code effectiveDate}, coming from {@code previousPhase}. */
public record SystemPutIntoService(
        String systemId,
        LocalDate effectiveDate,
        Phase previousPhase) {
}
