package eu.aiact.tracker.notifier.delivery;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** Which alerts a message of several alerts carries (the message_alert table). */
@Repository
public class MessageRepository {

    private final JdbcTemplate jdbc;

    public MessageRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One alert in one message. */
    public record Part(String messageKey, String alertKey) {
    }

    /** Records the parts, once each, with one statement. */
    public void addAll(List<Part> parts) {
        if (parts.isEmpty()) {
            return;
        }
        String[] messages = parts.stream().map(Part::messageKey).toArray(String[]::new);
        String[] alerts = parts.stream().map(Part::alertKey).toArray(String[]::new);
        jdbc.update("""
                INSERT INTO message_alert (message_key, alert_key) SELECT m, a FROM unnest(?::text[], ?::text[]) AS p (m, a)
                ON CONFLICT DO NOTHING""", new SqlArrayValue("text", (Object[]) messages), new SqlArrayValue("text", (Object[]) alerts));
    }

    /** Whether the key is that of a message of several alerts (rather than an alert's own). */
    public boolean isMessageOfSeveral(String messageKey) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM message_alert WHERE message_key = ?", Integer.class, messageKey);
        return count != null && count > 0;
    }
}
