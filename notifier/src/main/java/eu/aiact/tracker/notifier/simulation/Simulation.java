package eu.aiact.tracker.notifier.simulation;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A look at another date than today: the alerts a sweep then would decide that are not stored for real, kept apart from real alerts
 * (no real sweep reads them) until an administrator discards it.
 *
 * @param organisation the organisation it is limited to; null for every organisation
 * @param origin       {@code API} (asked for with {@code POST /api/admin/simulations}) or {@code CLOCK} (a sweep asked for while the
 *                     settable clock was set)
 * @param closedAt     for a CLOCK simulation, when the clock was moved on (later sweeps make a new one); null while open
 * @param sandboxEmail where its mails were sent (null: none)
 * @param sandboxWebhookUrl where its webhook calls went (null: none)
 */
public record Simulation(long id, LocalDate date, String organisation, String origin, String requestedBy, Instant createdAt,
        Instant closedAt, String sandboxEmail, String sandboxWebhookUrl, long alertCount) {

    public static final String API = "API";
    public static final String CLOCK = "CLOCK";

    /** The label sandbox messages carry (CloudEvents extension {@code simulation}, id prefix, mail subject). */
    public String label() {
        return id + "@" + date;
    }
}
