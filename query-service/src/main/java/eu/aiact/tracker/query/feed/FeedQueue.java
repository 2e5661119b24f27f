package eu.aiact.tracker.query.feed;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code feed_pending} table: what the obligations topic is owed, queued in the transaction that changed it. */
@Repository
public class FeedQueue {

    /** One owed message: a system's obligations, or the moves of one organisation under one rulebook version. */
    public record Pending(String key, Kind kind, String systemId, String versionId, String organisation, Instant queuedAt) {
    }

    public enum Kind {
        SYSTEM,
        MOVED
    }

    private static final String QUEUE = """
            INSERT INTO feed_pending (message_key, kind, system_id, version_id, organisation) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (message_key) DO UPDATE SET queued_at = clock_timestamp()""";

    private final JdbcTemplate jdbc;

    public FeedQueue(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void system(String systemId) {
        queue(systemId, Kind.SYSTEM, systemId, null, null);
    }

    /** Queues these systems (distinct ids) in one JDBC batch, in this order. */
    public void systems(List<String> systemIds) {
        if (systemIds.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(QUEUE, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setString(1, systemIds.get(i));
                ps.setString(2, Kind.SYSTEM.name());
                ps.setString(3, systemIds.get(i));
                ps.setString(4, null);
                ps.setString(5, null);
            }

            @Override
            public int getBatchSize() {
                return systemIds.size();
            }
        });
    }

    /** Queues every system of the projection, in id order, in one statement (after a rebuild swapped the projection in). */
    public int allSystems() {
        return jdbc.update("""
                INSERT INTO feed_pending (message_key, kind, system_id)
                SELECT id, 'SYSTEM', id FROM ai_system ORDER BY id
                ON CONFLICT (message_key) DO UPDATE SET queued_at = clock_timestamp()""");
    }

    public void moved(String key, String versionId, String organisation) {
        queue(key, Kind.MOVED, null, versionId, organisation);
    }

    public List<Pending> oldest(int limit) {
        return jdbc.query("SELECT * FROM feed_pending ORDER BY queued_at LIMIT ?", (rs, n) -> new Pending(rs.getString("message_key"),
                Kind.valueOf(rs.getString("kind")), rs.getString("system_id"), rs.getString("version_id"), rs.getString("organisation"),
                rs.getTimestamp("queued_at").toInstant()), limit);
    }

    /** Removes the entry unless it was queued again since it was read (then the newer state still has to go out). */
    public void sent(Pending pending) {
        jdbc.update("DELETE FROM feed_pending WHERE message_key = ? AND queued_at = ?", pending.key(), Timestamp.from(pending.queuedAt()));
    }

    /** Removes these entries, each unless it was queued again since it was read, in one statement. */
    public void sentAll(List<Pending> sent) {
        if (sent.isEmpty()) {
            return;
        }
        jdbc.update(connection -> {
            PreparedStatement ps = connection.prepareStatement("""
                    DELETE FROM feed_pending p USING unnest(?::varchar[], ?::timestamptz[]) AS s(message_key, queued_at)
                    WHERE p.message_key = s.message_key AND p.queued_at = s.queued_at""");
            ps.setArray(1, connection.createArrayOf("varchar", sent.stream().map(Pending::key).toArray()));
            ps.setArray(2, connection.createArrayOf("timestamptz", sent.stream().map(p -> Timestamp.from(p.queuedAt())).toArray()));
            return ps;
        });
    }

    public long size() {
        Long size = jdbc.queryForObject("SELECT count(*) FROM feed_pending", Long.class);
        return size == null ? 0 : size;
    }

    private void queue(String key, Kind kind, String systemId, String versionId, String organisation) {
        jdbc.update(QUEUE, key, kind.name(), systemId, versionId, organisation);
    }
}
