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

import eu.aiact.tracker.query.portfolio.PortfolioCounts;
import tools.jackson.databind.json.JsonMapper;

/** The {@code ai_system} projection table: each system's folded state, with the columns lists filter on. */
@Repository
public class AiSystemRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final PortfolioCounts counts;

    private static final String UPSERT = """
            INSERT INTO ai_system (id, organisation, name, phase, risk_class, version, last_changed_at, state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb)
            ON CONFLICT (id) DO UPDATE SET organisation = excluded.organisation, name = excluded.name, phase = excluded.phase,
                risk_class = excluded.risk_class, version = excluded.version, last_changed_at = excluded.last_changed_at,
                state = excluded.state""";

    public AiSystemRepository(JdbcTemplate jdbc, JsonMapper json, PortfolioCounts counts) {
        this.jdbc = jdbc;
        this.json = json;
        this.counts = counts;
    }

    public Optional<AiSystemRecord> find(String id) {
        return jdbc.query("SELECT state FROM ai_system WHERE id = ?", (rs, n) -> json.readValue(rs.getString(1), AiSystemRecord.class), id)
                .stream().findFirst();
    }

    /** The organisation of a system in the projection, for access checks without reading its state. */
    public Optional<String> organisationOf(String id) {
        return jdbc.queryForList("SELECT organisation FROM ai_system WHERE id = ?", String.class, id).stream().findFirst();
    }

    /** Whether any AI system of the organisation is recorded (its name exactly). */
    public boolean organisationKnown(String organisation) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM ai_system WHERE organisation = ?)", Boolean.class,
                organisation));
    }

    /** Every organisation with recorded systems. */
    public List<String> organisations() {
        return jdbc.queryForList("SELECT DISTINCT organisation FROM ai_system ORDER BY organisation", String.class);
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
     * applied to it). Each system at most once. Call within a transaction: the portfolio's counts follow ({@link PortfolioCounts}).
     */
    public void saveAll(List<AiSystemRecord> states) {
        if (states.isEmpty()) {
            return;
        }
        counts.around(PortfolioCounts.Part.SYSTEMS, states.stream().map(AiSystemRecord::id).toList(), () -> upsert(states));
    }

    private void upsert(List<AiSystemRecord> states) {
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

    /** How a list may be ordered: the parameter's value (a leading {@code -} for descending) and its column. */
    public enum Sort {
        NAME("name"), ORGANISATION("organisation"), PHASE("phase"), RISK_CLASS("risk_class"), LAST_CHANGED("last_changed_at"),
        REGISTERED_ON("(state->>'registeredOn')");

        private final String column;

        Sort(String column) {
            this.column = column;
        }

        /** {@code name}, {@code -lastChanged}, ...; null for the default order (organisation, name). */
        public static String orderBy(String parameter) {
            if (parameter == null || parameter.isBlank()) {
                return "organisation, name, id";
            }
            boolean descending = parameter.startsWith("-");
            String name = descending ? parameter.substring(1) : parameter;
            for (Sort sort : values()) {
                if (sort.parameter().equals(name)) {
                    return sort.column + (descending ? " DESC" : "") + ", organisation, name, id";
                }
            }
            throw new IllegalArgumentException("sort: '" + parameter + "' is not one of " + java.util.Arrays.stream(values())
                    .map(Sort::parameter).toList() + " (a leading - for descending)");
        }

        public String parameter() {
            String[] words = name().toLowerCase(java.util.Locale.ROOT).split("_");
            StringBuilder camel = new StringBuilder(words[0]);
            for (int i = 1; i < words.length; i++) {
                camel.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
            return camel.toString();
        }
    }

    public List<AiSystemRecord> list(SystemFilter filter, int limit, int offset) {
        return list(filter, null, limit, offset);
    }

    /** A page of the systems the filter matches, in the order {@code sort} names (see {@link Sort#orderBy}). */
    public List<AiSystemRecord> list(SystemFilter filter, String sort, int limit, int offset) {
        List<Object> args = new ArrayList<>();
        String where = where(filter, args);
        args.add(limit);
        args.add(offset);
        return jdbc.query("SELECT state FROM ai_system" + where + " ORDER BY " + Sort.orderBy(sort) + " LIMIT ? OFFSET ?",
                (rs, n) -> json.readValue(rs.getString(1), AiSystemRecord.class), args.toArray());
    }

    /** How many systems the filter matches. */
    public long count(SystemFilter filter) {
        List<Object> args = new ArrayList<>();
        Long count = jdbc.queryForObject("SELECT count(*) FROM ai_system" + where(filter, args), Long.class, args.toArray());
        return count == null ? 0 : count;
    }

    private static String where(SystemFilter filter, List<Object> args) {
        StringBuilder sql = new StringBuilder(" WHERE true");
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
        if (filter.text() != null && !filter.text().isBlank()) {
            for (String word : filter.text().strip().split("\\s+")) {
                String pattern = "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                sql.append(" AND (name ILIKE ? OR coalesce(state->>'description', '') ILIKE ? OR coalesce(state->>'supplier', '') ILIKE ?"
                        + " OR coalesce(state->>'model', '') ILIKE ?)");
                args.add(pattern);
                args.add(pattern);
                args.add(pattern);
                args.add(pattern);
            }
        }
        if (filter.paused() != null) {
            sql.append(" AND coalesce((state->>'paused')::boolean, false) = ?");
            args.add(filter.paused());
        }
        if (filter.obligation() != null) {
            sql.append(" AND EXISTS (SELECT 1 FROM obligation o WHERE o.system_id = ai_system.id AND o.status = ?)");
            args.add(filter.obligation().name());
        }
        if (filter.registered() != null) {
            sql.append(" AND (coalesce(jsonb_array_length(state->'registrations'), 0) > 0) = ?");
            args.add(filter.registered());
        }
        if (filter.flagged() != null) {
            sql.append(" AND coalesce((state->>'flaggedForReview')::boolean, false) = ?");
            args.add(filter.flagged());
        }
        return sql.toString();
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
}
