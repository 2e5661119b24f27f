package eu.aiact.tracker.query.projection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** One event in a system's history, as auditors read it: what, when it took effect, when it was recorded, by whom and why. */
public record HistoryEntry(
        String eventId,
        long sequenceNumber,
        String type,
        LocalDate effectiveDate,
        Instant recordedAt,
        Map<String, String> metadata,
        JsonNode payload) {
}
