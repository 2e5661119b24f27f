package eu.aiact.tracker.query.projection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.system.AiSystemRegistered;

/** The {@code ai_system} projection table. Every write is idempotent: an event already applied (by sequence number) changes nothing. */
@Repository
public class AiSystemRepository {

    private final JdbcTemplate jdbc;

    public AiSystemRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(AiSystemRegistered event, EventEnvelope envelope) {
        jdbc.update("""
                INSERT INTO ai_system (id, organisation, name, description, phase, registered_at, last_sequence, last_event_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (id) DO NOTHING""",
                event.systemId(), event.organisation(), event.name(), event.description(), event.phase().name(),
                Timestamp.from(envelope.recordedAt()), envelope.sequenceNumber(), envelope.eventId());
    }

    public Optional<AiSystemView> find(String id) {
        return jdbc.query("SELECT * FROM ai_system WHERE id = ?", AiSystemRepository::view, id).stream().findFirst();
    }

    public List<AiSystemView> list(String organisation, int limit, int offset) {
        if (organisation == null) {
            return jdbc.query("SELECT * FROM ai_system ORDER BY organisation, name, id LIMIT ? OFFSET ?", AiSystemRepository::view,
                    limit, offset);
        }
        return jdbc.query("SELECT * FROM ai_system WHERE organisation = ? ORDER BY name, id LIMIT ? OFFSET ?", AiSystemRepository::view,
                organisation, limit, offset);
    }

    public void deleteAll() {
        jdbc.update("TRUNCATE ai_system");
    }

    private static AiSystemView view(ResultSet rs, int row) throws SQLException {
        return new AiSystemView(rs.getString("id"), rs.getString("organisation"), rs.getString("name"), rs.getString("description"),
                rs.getString("phase"), rs.getTimestamp("registered_at").toInstant(), rs.getLong("last_sequence"));
    }
}
