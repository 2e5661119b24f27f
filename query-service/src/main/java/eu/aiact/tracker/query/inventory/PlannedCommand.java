package eu.aiact.tracker.query.inventory;

import java.util.Map;

/**
 * One command an inventory row asks of the command service: the path below {@code /api/systems/{id}} (empty for the registration), a
 * short name of the step (part of the idempotency key), and the JSON body.
 */
public record PlannedCommand(String step, String path, Map<String, Object> body) {
}
