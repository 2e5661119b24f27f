package eu.aiact.tracker.notifier.rest;

import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/alerts/{key}/acknowledgements}: a note, and who owns the obligation from now on (both optional). */
public record AcknowledgementRequest(@Size(max = 2000) String note, @Size(max = 200) String owner) {
}
