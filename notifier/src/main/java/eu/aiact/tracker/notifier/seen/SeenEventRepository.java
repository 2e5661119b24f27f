package eu.aiact.tracker.notifier.seen;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The notifier's record of the events it has seen, one row per event id: a redelivered event is not recorded twice. */
@Repository
public class SeenEventRepository {

    private final JdbcTemplate jdbc;

    public SeenEventRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the event was new */
    public boolean record(SeenEvent event) {
        return jdbc.update("""
                INSERT INTO seen_event (event_id, system_id, sequence_number, event_type, organisation, recorded_at, seen_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (event_id) DO NOTHING""",
                event.eventId(), event.systemId(), event.sequenceNumber(), event.type(), event.organisation(),
                Timestamp.from(event.recordedAt()), Timestamp.from(event.seenAt())) == 1;
    }

    public List<SeenEvent> list(String systemId, int limit) {
        if (systemId == null) {
            return jdbc.query("SELECT * FROM seen_event ORDER BY seen_at DESC, event_id LIMIT ?", SeenEventRepository::row, limit);
        }
        return jdbc.query("SELECT * FROM seen_event WHERE system_id = ? ORDER BY sequence_number", SeenEventRepository::row, systemId);
    }

    public long count() {
        Long count = jdbc.queryForObject("SELECT count(*) FROM seen_event", Long.class);
        return count == null ? 0 : count;
    }

    private static SeenEvent row(ResultSet rs, int row) throws SQLException {
        return new SeenEvent(rs.getString("event_id"), rs.getString("system_id"), rs.getLong("sequence_number"),
                rs.getString("event_type"), rs.getString("organisation"), instant(rs.getTimestamp("recorded_at")),
                instant(rs.getTimestamp("seen_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
