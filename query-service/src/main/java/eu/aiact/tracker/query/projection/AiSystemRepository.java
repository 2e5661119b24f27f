package eu.aiact.tracker.query.projection;

import eu.aiact.tracker.domain.system.AiSystemRecord;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.databind.json.JsonMapper;

/** The {@code ai_system} projection table: each system's folded state, with the columns lists filter on. */
@Repository
public class AiSystemRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    private static final String UPSERT = """
            INSERT INTO ai_system (id, organisation, name, phase, risk_class, version, last_changed_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation, name = excluded.name, phase = excluded.phase,
                risk_class = excluded.risk_class, version = excluded.version, last_changed_at = excluded.last_changed_at,
                state = excluded.state""";

    public AiSystemRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public Optional<AiSystemRecord> find(String id) {
        return jdbc.query("SELECT state FROM ai_system WHERE id = ?", (rs, n) -> json.readValue(rs.getString(1), AiSystemRecord.class), id)
                .stream().findFirst();
    }

    /** The organisation of a system in the projection, for access checks without reading its state. */
    public Optional<String> organisationOf(String id) {
        return jdbc.queryForList("SELECT organisation FROM ai_system WHERE id = ?", String.class, id).stream().findFirst();
    }

    /** The stored states of these systems, by id, in one query; systems not in the projection are absent. */
    public Map<String, AiSystemRecord> findAll(Collection<String> ids) {
        Map<String, AiSystemRecord> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.query(connection -> {
            PreparedStatement ps = FreshPlans.prepare(connection, "SELECT id, state FROM ai_system WHERE id = ANY(?)");
            ps.setArray(1, connection.createArrayOf("varchar", ids.toArray()));
            return ps;
        }, rs -> {
            found.put(rs.getString(1), json.readValue(rs.getString(2), AiSystemRecord.class));
        });
        return found;
    }

    /**
     * Upserts these states in one JDBC batch, each with its {@link AiSystemRecord#lastChangedAt()} (the recording time of the last event
     * applied to it). Each system at most once.
     */
    public void saveAll(List<AiSystemRecord> states) {
        if (states.isEmpty()) {
            return;
        }
        jdbc.batchUpdate(UPSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                AiSystemRecord state = states.get(i);
                ps.setString(1, state.id());
                ps.setString(2, state.organisation());
                ps.setString(3, state.name());
                ps.setString(4, state.phase().name());
                ps.setString(5, state.riskClass().name());
                ps.setLong(6, state.version());
                ps.setTimestamp(7, Timestamp.from(state.lastChangedAt()));
                ps.setString(8, json.writeValueAsString(state));
            }

            @Override
            public int getBatchSize() {
                return states.size();
            }
        });
    }

    /** The columns a rebuild copies into the fresh table, as {@link #saveAll} writes them. */
    static final String COLUMNS = "id, organisation, name, phase, risk_class, version, last_changed_at, state";

    /** Adds a state as a row of {@link #COLUMNS} for a rebuild's {@code COPY}. */
    void copyRow(CopyRows rows, AiSystemRecord state) {
        rows.value(state.id()).value(state.organisation()).value(state.name()).value(state.phase().name()).value(state.riskClass().name())
                .value(state.version()).value(state.lastChangedAt()).value(json.writeValueAsString(state)).endRow();
    }

    public List<AiSystemRecord> list(SystemFilter filter, int limit, int offset) {
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
        return jdbc.query(sql.toString(), (rs, n) -> json.readValue(rs.getString(1), AiSystemRecord.class), args.toArray());
    }

    /** Up to {@code size} systems with ids after {@code afterId} (null: from the first), in id order: for walking every system. */
    public List<AiSystemRecord> page(String afterId, int size) {
        return jdbc.query(connection -> {
            PreparedStatement ps = FreshPlans.prepare(connection, "SELECT state FROM ai_system WHERE id > ? ORDER BY id LIMIT ?");
            ps.setString(1, afterId == null ? "" : afterId);
            ps.setInt(2, size);
            return ps;
        }, (rs, n) -> json.readValue(rs.getString(1), AiSystemRecord.class));
    }

    public void deleteAll() {
        jdbc.update("TRUNCATE ai_system");
    }
}
