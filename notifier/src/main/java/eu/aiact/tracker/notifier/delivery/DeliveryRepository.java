package eu.aiact.tracker.notifier.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The delivery table: the dispatcher's work list, one row per message and channel. */
@Repository
public class DeliveryRepository {

    private final JdbcTemplate jdbc;

    public DeliveryRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds a pending delivery unless the key already has one on that channel. */
    public boolean add(String alertKey, String channel, String organisation, Instant due, Instant now) {
        return jdbc.update("""
                INSERT INTO delivery (alert_key, channel, organisation, status, attempts, next_attempt_at, created_at)
                VALUES (?, ?, ?, 'PENDING', 0, ?, ?)
                ON CONFLICT (alert_key, channel) DO NOTHING""", alertKey, channel, organisation, Timestamp.from(due),
                Timestamp.from(now)) == 1;
    }

    /** One pending delivery to add: a message key on a channel, due at a time. */
    public record Pending(String alertKey, String channel, String organisation, Instant due) {
    }

    /**
     * Adds the pending deliveries, in the order given, with one statement, skipping any key that already has one on that channel
     * (as {@link #add} does, one by one).
     */
    public void addAll(List<Pending> pending, Instant now) {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        String[] keys = new String[n];
        String[] channels = new String[n];
        String[] organisations = new String[n];
        String[] due = new String[n];
        for (int i = 0; i < n; i++) {
            keys[i] = pending.get(i).alertKey();
            channels[i] = pending.get(i).channel();
            organisations[i] = pending.get(i).organisation();
            due[i] = pending.get(i).due().toString();
        }
        jdbc.update("""
                INSERT INTO delivery (alert_key, channel, organisation, status, attempts, next_attempt_at, created_at)
                SELECT k, c, o, 'PENDING', 0, d::timestamptz, ? FROM unnest(?::text[], ?::text[], ?::text[], ?::text[])
                    WITH ORDINALITY AS p (k, c, o, d, n)
                ORDER BY n
                ON CONFLICT (alert_key, channel) DO NOTHING""", Timestamp.from(now),
                new SqlArrayValue("text", (Object[]) keys), new SqlArrayValue("text", (Object[]) channels),
                new SqlArrayValue("text", (Object[]) organisations), new SqlArrayValue("text", (Object[]) due));
    }

    /** The ids of pending deliveries whose time has come, oldest first. */
    public List<Long> dueIds(Instant now, int limit) {
        return jdbc.queryForList("SELECT id FROM delivery WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?",
                Long.class, Timestamp.from(now), limit);
    }

    /** Locks one delivery for this transaction if it is still pending and due and no other dispatcher holds it. */
    public Optional<Delivery> lockDue(long id, Instant now) {
        return jdbc.query("SELECT * FROM delivery WHERE id = ? AND status = 'PENDING' AND next_attempt_at <= ? FOR UPDATE SKIP LOCKED",
                DeliveryRepository::row, id, Timestamp.from(now)).stream().findFirst();
    }

    public void markSent(long id, Instant now) {
        jdbc.update("UPDATE delivery SET status = 'SENT', attempts = attempts + 1, sent_at = ?, last_error = NULL WHERE id = ?",
                Timestamp.from(now), id);
    }

    public void markFailed(long id, DeliveryStatus status, Instant nextAttempt, String error) {
        jdbc.update("UPDATE delivery SET status = ?, attempts = attempts + 1, next_attempt_at = ?, last_error = ? WHERE id = ?",
                status.name(), Timestamp.from(nextAttempt), error, id);
    }

    /** The deliveries of every message that carries the alert: its own, and those of messages of several alerts it is in. */
    public List<Delivery> forAlert(String alertKey) {
        return jdbc.query("""
                SELECT * FROM delivery WHERE alert_key = ?
                    OR alert_key IN (SELECT message_key FROM message_alert WHERE alert_key = ?)
                ORDER BY channel, id""", DeliveryRepository::row, alertKey, alertKey);
    }

    public List<Delivery> dead(int limit) {
        return jdbc.query("SELECT * FROM delivery WHERE status = 'DEAD' ORDER BY id LIMIT ?", DeliveryRepository::row, limit);
    }

    /** Gives a dead letter a fresh start: pending now, attempts counted from zero. @return false when it is not a dead letter */
    public boolean retry(long id, Instant now) {
        return jdbc.update("UPDATE delivery SET status = 'PENDING', attempts = 0, next_attempt_at = ? WHERE id = ? AND status = 'DEAD'",
                Timestamp.from(now), id) == 1;
    }

    public Optional<Delivery> find(long id) {
        return jdbc.query("SELECT * FROM delivery WHERE id = ?", DeliveryRepository::row, id).stream().findFirst();
    }

    private static Delivery row(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new Delivery(rs.getLong("id"), rs.getString("alert_key"), rs.getString("channel"),
                rs.getString("organisation"), DeliveryStatus.valueOf(rs.getString("status")), rs.getInt("attempts"),
                rs.getTimestamp("next_attempt_at").toInstant(), rs.getString("last_error"), sent == null ? null : sent.toInstant(),
                rs.getTimestamp("created_at").toInstant());
    }
}
