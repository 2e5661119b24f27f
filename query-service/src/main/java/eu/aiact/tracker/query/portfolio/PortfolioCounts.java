package eu.aiact.tracker.query.portfolio;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import eu.aiact.tracker.query.projection.FreshPlans;

/**
 * The portfolio's counts, kept by the projection in {@code portfolio_count} (organisation, measure, key, n), so that a portfolio is read
 * from a few hundred rows instead of being counted over every system and obligation per request (32.7 s at 1,000,000 systems).
 *
 * <p>What a system, its obligations and its moved due dates contribute (its <em>facts</em>) is defined once, in SQL over the
 * projection's tables ({@link #factsSql}). The writes of those tables are wrapped by {@link #around}: the facts of the systems written
 * are read before and after the write, in its transaction, and the difference is added to the counts when the transaction commits (in
 * one statement, in key order, so that two transactions wait for each other's counts instead of deadlocking; a transaction that rolls
 * back adds nothing). A rebuild, and the migration that made the table, count the same facts over whole tables ({@link #recount}).
 */
@Component
public class PortfolioCounts {

    /** The counts' table. */
    public static final String TABLE = "portfolio_count";
    /** Open obligations: the ones a deadline list shows. */
    static final String OPEN = "('NOT_YET_DUE', 'DUE_SOON', 'OVERDUE')";

    /** One count: what it counts (a measure and its key) in one organisation. */
    public record Count(String organisation, String measure, String key) implements Comparable<Count> {
        @Override
        public int compareTo(Count other) {
            int c = organisation.compareTo(other.organisation);
            c = c != 0 ? c : measure.compareTo(other.measure);
            return c != 0 ? c : key.compareTo(other.key);
        }
    }

    /** The tables a system's facts come from, each with its source table and the column naming the system. */
    public enum Part {
        /** From {@code ai_system}: one per system, its phase, lifecycle, risk class, purpose, ..., assessments and registers. */
        SYSTEMS("ai_system", "id"),
        /** From {@code obligation}: per status, and the open ones per month of their due date (obligations and systems). */
        OBLIGATIONS("obligation", "system_id"),
        /** From {@code obligation_change}: per rulebook version, the due dates it moved and the systems they are of. */
        MOVES("obligation_change", "system_id");

        private final String table;
        private final String systemColumn;

        Part(String table, String systemColumn) {
            this.table = table;
            this.systemColumn = systemColumn;
        }

        public String table() {
            return table;
        }
    }

    private static final String PAUSED = "coalesce((state->>'paused')::boolean, false)";

    /**
     * The facts of the rows of {@code table} (the part's table or its fresh copy) that {@code where} selects (empty: all), as rows of
     * (organisation, measure, key, n).
     */
    public static String factsSql(Part part, String table, String where) {
        return switch (part) {
            case SYSTEMS -> """
                    WITH s AS MATERIALIZED (
                        SELECT id, organisation, risk_class,
                               CASE WHEN phase <> 'ENDED' AND %1$s THEN 'PAUSED' ELSE phase END AS phase,
                               CASE WHEN phase <> 'ENDED' AND %1$s THEN 'PAUSED'
                                    WHEN phase <> 'ENDED' THEN phase
                                    WHEN state->>'inServiceSince' IS NULL THEN 'ENDED_EXPERIMENT' ELSE 'ENDED_AFTER_USE' END AS lifecycle,
                               coalesce(nullif(trim(state->>'purpose'), ''), 'UNKNOWN') AS purpose,
                               coalesce(state->>'developedBy', 'UNKNOWN') AS developed_by,
                               coalesce(state->>'generativeAi', 'UNKNOWN') AS generative_ai,
                               state->'assessments' AS assessments, state->'registrations' AS registrations
                        FROM %2$s%3$s)
                    SELECT organisation, 'systems' AS measure, '' AS key, count(*) AS n FROM s GROUP BY organisation
                    UNION ALL SELECT organisation, 'phase', phase, count(*) FROM s GROUP BY organisation, phase
                    UNION ALL SELECT organisation, 'lifecycle', lifecycle, count(*) FROM s GROUP BY organisation, lifecycle
                    UNION ALL SELECT organisation, 'riskClass', risk_class, count(*) FROM s GROUP BY organisation, risk_class
                    UNION ALL SELECT organisation, 'purpose', purpose, count(*) FROM s GROUP BY organisation, purpose
                    UNION ALL SELECT organisation, 'developedBy', developed_by, count(*) FROM s GROUP BY organisation, developed_by
                    UNION ALL SELECT organisation, 'generativeAi', generative_ai, count(*) FROM s GROUP BY organisation, generative_ai
                    -- per assessment type, the furthest of the system's assessments of that type
                    UNION ALL SELECT organisation, 'assessment:' || type, status, count(*)
                        FROM (SELECT s.organisation, a.type,
                                     CASE a.rank WHEN 3 THEN 'DONE' WHEN 2 THEN 'IN_PROGRESS' ELSE 'PLANNED' END AS status
                              FROM s CROSS JOIN LATERAL (
                                  SELECT e.value->>'type' AS type,
                                         max(CASE e.value->>'status' WHEN 'DONE' THEN 3 WHEN 'IN_PROGRESS' THEN 2 ELSE 1 END) AS rank
                                  FROM jsonb_each(coalesce(s.assessments, '{}'::jsonb)) e GROUP BY e.value->>'type') a
                              WHERE a.type IS NOT NULL) x
                        GROUP BY organisation, type, status
                    -- once per register a system is in, and once per register and category
                    UNION ALL SELECT organisation, 'register', key, count(*)
                        FROM (SELECT s.organisation, k.key
                              FROM s CROSS JOIN LATERAL (
                                  SELECT DISTINCT v.key FROM jsonb_array_elements(s.registrations) r
                                  CROSS JOIN LATERAL (VALUES (r.value->>'register'),
                                                             (r.value->>'register' || ':' || (r.value->>'category'))) v(key)
                                  WHERE v.key IS NOT NULL) k) y
                        GROUP BY organisation, key
                    UNION ALL SELECT organisation, 'register', 'NONE', count(*) FROM s
                        WHERE coalesce(jsonb_array_length(registrations), 0) = 0 GROUP BY organisation""".formatted(PAUSED, table, where);
            case OBLIGATIONS -> """
                    WITH o AS MATERIALIZED (
                        SELECT system_id, organisation, status,
                               CASE WHEN status IN %1$s AND due_date IS NOT NULL THEN to_char(due_date, 'YYYY-MM') END AS month
                        FROM %2$s%3$s)
                    SELECT organisation, 'obligations' AS measure, status AS key, count(*) AS n FROM o GROUP BY organisation, status
                    UNION ALL SELECT organisation, 'dueObligations', month, count(*) FROM o WHERE month IS NOT NULL
                        GROUP BY organisation, month
                    UNION ALL SELECT organisation, 'dueSystems', month, count(*)
                        FROM (SELECT DISTINCT system_id, organisation, month FROM o WHERE month IS NOT NULL) d GROUP BY organisation, month"""
                    .formatted(OPEN, table, where);
            case MOVES -> """
                    WITH c AS MATERIALIZED (SELECT system_id, organisation, version_id FROM %1$s%2$s)
                    SELECT organisation, 'movedObligations' AS measure, version_id AS key, count(*) AS n FROM c
                        GROUP BY organisation, version_id
                    UNION ALL SELECT organisation, 'movedSystems', version_id, count(*)
                        FROM (SELECT DISTINCT system_id, organisation, version_id FROM c) d GROUP BY organisation, version_id"""
                    .formatted(table, where);
        };
    }

    /**
     * Empties {@code into} and counts into it the facts of every row of these tables (the projection's, or a rebuild's fresh copies),
     * on this connection, in its transaction.
     */
    public static void recount(Connection connection, String into, String systems, String obligations, String moves) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM " + into);
            statement.execute(insertAll(into, Part.SYSTEMS, systems));
            statement.execute(insertAll(into, Part.OBLIGATIONS, obligations));
            statement.execute(insertAll(into, Part.MOVES, moves));
        }
    }

    private static String insertAll(String into, Part part, String table) {
        return "INSERT INTO " + into + " (organisation, measure, key, n) " + factsSql(part, table, "");
    }

    private final JdbcTemplate jdbc;

    public PortfolioCounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code write} (a write of the part's table for these systems, within the caller's transaction) and keeps the counts of what
     * it changed: added when the transaction commits.
     */
    public void around(Part part, Collection<String> systemIds, Runnable write) {
        if (systemIds.isEmpty()) {
            write.run();
            return;
        }
        Pending pending = pending();
        Object[] ids = systemIds.stream().distinct().toArray();
        Map<Count, Long> before = facts(part, ids);
        write.run();
        facts(part, ids).forEach(pending::add);
        before.forEach((count, n) -> pending.add(count, -n));
    }

    /** The counts as stored, without zeros. */
    public Map<Count, Long> stored() {
        Map<Count, Long> counts = new TreeMap<>();
        jdbc.query("SELECT organisation, measure, key, n FROM " + TABLE + " WHERE n <> 0", rs -> {
            counts.put(count(rs), rs.getLong(4));
        });
        return counts;
    }

    /** The count a row of (organisation, measure, key, ...) names. */
    private static Count count(ResultSet rs) throws SQLException {
        return new Count(rs.getString(1), rs.getString(2), rs.getString(3));
    }

    /** The counts as a recount of the projection's tables gives them now (what {@link #stored()} must equal). */
    public Map<Count, Long> recounted() {
        Map<Count, Long> counts = new TreeMap<>();
        for (Part part : Part.values()) {
            jdbc.query(factsSql(part, part.table, ""), rs -> {
                counts.merge(count(rs), rs.getLong(4), Long::sum);
            });
        }
        return counts;
    }

    private Map<Count, Long> facts(Part part, Object[] ids) {
        Map<Count, Long> facts = new HashMap<>();
        jdbc.query(connection -> {
            PreparedStatement ps = FreshPlans.prepare(connection, factsSql(part, part.table,
                    " WHERE " + part.systemColumn + " = ANY(?)"));
            ps.setArray(1, connection.createArrayOf("varchar", ids));
            return ps;
        }, rs -> {
            facts.put(count(rs), rs.getLong(4));
        });
        return facts;
    }

    /** The differences the current transaction made, added to the counts before it commits. */
    private Pending pending() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            throw new IllegalStateException("The portfolio's counts are kept within the transaction that writes the projection: none is active");
        }
        for (TransactionSynchronization synchronization : TransactionSynchronizationManager.getSynchronizations()) {
            if (synchronization instanceof Pending pending && pending.owner() == this) {
                return pending;
            }
        }
        Pending pending = new Pending(this);
        TransactionSynchronizationManager.registerSynchronization(pending);
        return pending;
    }

    private static final String ADD = """
            INSERT INTO portfolio_count AS p (organisation, measure, key, n)
            SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::text[], ?::bigint[]) ORDER BY 1, 2, 3
            ON CONFLICT (organisation, measure, key) DO UPDATE SET n = p.n + excluded.n""";
    private static final String DROP_ZEROS = """
            DELETE FROM portfolio_count p USING unnest(?::varchar[], ?::varchar[], ?::text[]) AS d(organisation, measure, key)
            WHERE p.organisation = d.organisation AND p.measure = d.measure AND p.key = d.key AND p.n = 0""";

    /** A transaction's differences: non-zero ones are added in one statement, in key order; counts that reach zero are removed. */
    private static final class Pending implements TransactionSynchronization {

        private final PortfolioCounts owner;
        private final Map<Count, Long> differences = new TreeMap<>();

        Pending(PortfolioCounts owner) {
            this.owner = owner;
        }

        PortfolioCounts owner() {
            return owner;
        }

        void add(Count count, long n) {
            differences.merge(count, n, Long::sum);
        }

        @Override
        public void beforeCommit(boolean readOnly) {
            List<Map.Entry<Count, Long>> changed = new ArrayList<>();
            differences.entrySet().stream().filter(e -> e.getValue() != 0).forEach(changed::add);
            if (changed.isEmpty()) {
                return;
            }
            owner.jdbc.update(connection -> {
                PreparedStatement ps = keysOf(connection, ADD, changed.stream().map(Map.Entry::getKey).toList());
                ps.setArray(4, connection.createArrayOf("bigint", changed.stream().map(Map.Entry::getValue).toArray()));
                return ps;
            });
            List<Count> lowered = changed.stream().filter(e -> e.getValue() < 0).map(Map.Entry::getKey).toList();
            if (!lowered.isEmpty()) {
                owner.jdbc.update(connection -> keysOf(connection, DROP_ZEROS, lowered));
            }
        }

        /** The statement with the counts' organisations, measures and keys as its first three parameters (arrays). */
        private static PreparedStatement keysOf(Connection connection, String sql, List<Count> counts) throws SQLException {
            PreparedStatement ps = connection.prepareStatement(sql);
            ps.setArray(1, connection.createArrayOf("varchar", counts.stream().map(Count::organisation).toArray()));
            ps.setArray(2, connection.createArrayOf("varchar", counts.stream().map(Count::measure).toArray()));
            ps.setArray(3, connection.createArrayOf("text", counts.stream().map(Count::key).toArray()));
            return ps;
        }
    }
}
