package eu.aiact.tracker.notifier.tracking;

import java.time.LocalDate;

import eu.aiact.tracker.api.obligation.ObligationStatus;

/** One obligation of a tracked system, as last evaluated by the query service. */
public record TrackedObligation(
        String code,
        String title,
        String article,
        String bearer,
        LocalDate dueDate,
        ObligationStatus status,
        String rulebook,
        String reason,
        String source) {
}
