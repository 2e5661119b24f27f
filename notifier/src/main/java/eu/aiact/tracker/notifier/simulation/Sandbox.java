package eu.aiact.tracker.notifier.simulation;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * Where a simulation may send its messages instead of to real recipients: a mail address, a webhook (checked like any webhook target),
 * or both. Its messages carry ids of their own ({@code simulation-<id>@<date>|<alert key>}), so that a receiver that sees them still
 * takes the real alerts when they come.
 */
public record Sandbox(
        @Email @Size(max = 320) String email,
        @Size(max = 2000) String webhookUrl,
        @Size(min = 16, max = 500) String webhookSecret) {
}
