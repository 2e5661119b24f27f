package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/** Event: an experiment with the system started (from planned) on {@code effectiveDate}. */
public record ExperimentStarted(
        String systemId,
        LocalDate effectiveDate) {
}
