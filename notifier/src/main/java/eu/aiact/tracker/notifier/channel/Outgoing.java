package eu.aiact.tracker.notifier.channel;

import java.time.Instant;
import java.util.List;

/**
 * A message a channel owes: its key (an alert's key for a message of that alert alone), when it is due, and the alerts it carries when it
 * carries several (recorded, so that the message holds the same alerts whenever it is sent).
 *
 * @param alertKeys the alerts in the message; empty when the message is the single alert named by {@code messageKey}
 */
public record Outgoing(String messageKey, Instant due, List<String> alertKeys) {

    public static Outgoing single(String alertKey, Instant due) {
        return new Outgoing(alertKey, due, List.of());
    }
}
