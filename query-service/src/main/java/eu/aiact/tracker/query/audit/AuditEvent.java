package eu.aiact.tracker.query.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** One event of any system, as auditors list and export it: the system and organisation it belongs to, with every metadata field. */
public record AuditEvent(
        String eventId,
        String systemId,
        String organisation,
        long sequenceNumber,
        String type,
        LocalDate effectiveDate,
        Instant recordedAt,
        Map<String, String> metadata,
        JsonNode payload) {
}
