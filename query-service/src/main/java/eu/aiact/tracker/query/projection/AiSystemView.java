package eu.aiact.tracker.query.projection;

import java.time.Instant;

/** What the query service knows of one AI system. */
public record AiSystemView(
        String id,
        String organisation,
        String name,
        String description,
        String phase,
        Instant registeredAt,
        long version) {
}
