package eu.aiact.tracker.query.projection;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The {@code ai_system} projection table: each system's folded state, with the columns lists filter on. */
@Repository
public class AiSystemRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public AiSystemRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<SystemState> find(String id) {
        return jdbc.query("SELECT state FROM ai_system WHERE id = ?", (rs, n) -> json.readValue(rs.getString(1), SystemState.class), id)
                .stream().findFirst();
    }

    /** The organisation of a system in the projection, for access checks without reading its state. */
    public Optional<String> organisationOf(String id) {
        return jdbc.queryForList("SELECT organisation FROM ai_system WHERE id = ?", String.class, id).stream().findFirst();
    }

    public void save(SystemState state, java.time.Instant changedAt) {
        jdbc.update("""
                INSERT INTO ai_system (id, organisation, name, phase, risk_class, version, last_changed_at, state)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation, name = excluded.name, phase = excluded.phase,
                    risk_class = excluded.risk_class, version = excluded.version, last_changed_at = excluded.last_changed_at,
                    state = excluded.state""",
                state.id(), state.organisation(), state.name(), state.phase().name(), state.riskClass().name(), state.version(),
                Timestamp.from(changedAt), json.writeValueAsString(state));
    }

    public List<SystemState> list(SystemFilter filter, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT state FROM ai_system WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.organisation() != null) {
            sql.append(" AND organisation = ?");
            args.add(filter.organisation());
        }
        if (filter.phase() != null) {
            sql.append(" AND phase = ?");
            args.add(filter.phase().name());
        }
        if (filter.riskClass() != null) {
            sql.append(" AND risk_class = ?");
            args.add(filter.riskClass().name());
        }
        sql.append(" ORDER BY organisation, name, id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), (rs, n) -> json.readValue(rs.getString(1), SystemState.class), args.toArray());
    }

    /** Up to {@code size} systems with ids after {@code afterId} (null: from the first), in id order: for walking every system. */
    public List<SystemState> page(String afterId, int size) {
        return jdbc.query("SELECT state FROM ai_system WHERE id > ? ORDER BY id LIMIT ?",
                (rs, n) -> json.readValue(rs.getString(1), SystemState.class), afterId == null ? "" : afterId, size);
    }

    public void deleteAll() {
        jdbc.update("TRUNCATE ai_system");
    }
}
