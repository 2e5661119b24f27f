package eu.aiact.tracker.query.audit;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Which events to list or export; a null field does not filter. Recorded bounds are [from, to); effective bounds are inclusive.
 */
public record HistoryFilter(String organisation, String systemId, String type, Instant recordedFrom, Instant recordedTo,
        LocalDate effectiveFrom, LocalDate effectiveTo) {
}
