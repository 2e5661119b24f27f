package eu.aiact.tracker.notifier.alert;

import java.time.Instant;

/**
 * A CIO office's acknowledgement of an alert: who, when, a note, and who owns the obligation from now on. Reminders continue until the
 * obligation is fulfilled or declared not applicable; each names the latest acknowledgement of its obligation.
 *
 * @param alertKey the alert that was acknowledged
 * @param code     the obligation it is about (null for an alert about the system or the organisation as a whole)
 */
public record Acknowledgement(long id, String alertKey, String organisation, String systemId, String code, String acknowledgedBy,
        Instant acknowledgedAt, String note, String owner) {

    /** One line for a mail: "Acknowledged by carol on 2027-08-03T10:15:00Z (owner: J. Jansen): FRIA planned for March". */
    public String describe() {
        return "Acknowledged by " + acknowledgedBy + " on " + acknowledgedAt + (owner == null || owner.isBlank() ? "" : " (owner: " + owner + ")")
                + (note == null || note.isBlank() ? "" : ": " + note);
    }
}
