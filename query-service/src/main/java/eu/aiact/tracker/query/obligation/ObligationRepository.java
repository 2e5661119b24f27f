package eu.aiact.tracker.query.obligation;

import eu.aiact.tracker.domain.obligation.Obligation;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.query.portfolio.PortfolioCounts;
import eu.aiact.tracker.query.projection.FreshPlans;

/** The {@code obligation} table: every system's obligations as last evaluated. */
@Repository
public class ObligationRepository {

    private static final String INSERT = """
            INSERT INTO obligation (system_id, code, organisation, system_name, title, article, bearer, due_date, status, rulebook,
                                    reason, source, evaluated_on)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    /** One system's obligations as just evaluated, with the system's fields the table repeats. */
    public record Evaluated(String systemId, String organisation, String systemName, List<Obligation> obligations) {
    }

    private final JdbcTemplate jdbc;
    private final PortfolioCounts counts;

    public ObligationRepository(JdbcTemplate jdbc, PortfolioCounts counts) {
        this.jdbc = jdbc;
        this.counts = counts;
    }

    /**
     * Replaces the obligations of all these systems (each at most once) by the ones just evaluated on {@code evaluatedOn}, set-wise: one
     * statement takes the systems' locks, one reads what was stored (only when {@code compare}), one deletes their rows, one JDBC batch
     * inserts the new ones. Call within a transaction (the portfolio's counts follow, {@link PortfolioCounts}). Returns the ids of the
     * systems whose obligations differ from what was stored (beyond the evaluation date) when {@code compare}, else an empty set.
     */
    public Set<String> replaceAll(List<Evaluated> systems, LocalDate evaluatedOn, boolean compare) {
        Set<String> changed = new HashSet<>();
        if (systems.isEmpty()) {
            return changed;
        }
        Object[] ids = systems.stream().map(Evaluated::systemId).toArray();
        // The event listener and the daily refresh may both replace one system's rows: one at a time. The locks are taken in the order
        // of the ids in the database (the order in which the refresh walks the systems), so that the two do not deadlock on them.
        jdbc.query(connection -> {
            PreparedStatement ps = connection.prepareStatement(
                    "SELECT pg_advisory_xact_lock(hashtext(id)) FROM unnest(?::varchar[]) AS t(id) ORDER BY id");
            ps.setArray(1, connection.createArrayOf("varchar", ids));
            return ps;
        }, rs -> {
        });
        if (compare) {
            Map<String, List<Obligation>> before = new HashMap<>();
            jdbc.query(connection -> {
                PreparedStatement ps = FreshPlans.prepare(connection,
                        "SELECT * FROM obligation WHERE system_id = ANY(?) ORDER BY system_id, code");
                ps.setArray(1, connection.createArrayOf("varchar", ids));
                return ps;
            }, rs -> {
                ObligationRow row = row(rs, 0);
                before.computeIfAbsent(row.systemId(), id -> new ArrayList<>()).add(new Obligation(row.code(), row.title(), row.article(),
                        row.bearer(), row.dueDate(), row.status(), row.rulebook(), row.reason(), row.source()));
            });
            for (Evaluated system : systems) {
                List<Obligation> after = system.obligations().stream().sorted(Comparator.comparing(Obligation::code)).toList();
                if (!before.getOrDefault(system.systemId(), List.of()).equals(after)) {
                    changed.add(system.systemId());
                }
            }
        }
        counts.around(PortfolioCounts.Part.OBLIGATIONS, systems.stream().map(Evaluated::systemId).toList(),
                () -> replace(systems, ids, evaluatedOn));
        return changed;
    }

    private void replace(List<Evaluated> systems, Object[] ids, LocalDate evaluatedOn) {
        jdbc.update(connection -> {
            PreparedStatement ps = FreshPlans.prepare(connection, "DELETE FROM obligation WHERE system_id = ANY(?)");
            ps.setArray(1, connection.createArrayOf("varchar", ids));
            return ps;
        });
        record Row(Evaluated system, Obligation obligation) {
        }
        List<Row> rows = new ArrayList<>();
        systems.forEach(system -> system.obligations().forEach(o -> rows.add(new Row(system, o))));
        Date evaluated = Date.valueOf(evaluatedOn);
        jdbc.batchUpdate(INSERT, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                Evaluated system = rows.get(i).system();
                Obligation o = rows.get(i).obligation();
                ps.setString(1, system.systemId());
                ps.setString(2, o.code());
                ps.setString(3, system.organisation());
                ps.setString(4, system.systemName());
                ps.setString(5, o.title());
                ps.setString(6, o.article());
                ps.setString(7, o.bearer() == null ? null : o.bearer().name());
                if (o.dueDate() == null) {
                    ps.setNull(8, Types.DATE);
                } else {
                    ps.setDate(8, Date.valueOf(o.dueDate()));
                }
                ps.setString(9, o.status().name());
                ps.setString(10, o.rulebook());
                ps.setString(11, o.reason());
                ps.setString(12, o.source());
                ps.setDate(13, evaluated);
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    /** The columns a rebuild copies into the fresh table, as {@link #replaceAll} inserts them. */
    public static final String COLUMNS = "system_id, code, organisation, system_name, title, article, bearer, due_date, status, rulebook,"
            + " reason, source, evaluated_on";

    /** Adds a system's obligations as rows of {@link #COLUMNS} for a rebuild's {@code COPY}. */
    public static void copyRows(eu.aiact.tracker.query.projection.CopyRows rows, Evaluated system, LocalDate evaluatedOn) {
        for (Obligation o : system.obligations()) {
            rows.value(system.systemId()).value(o.code()).value(system.organisation()).value(system.systemName()).value(o.title())
                    .value(o.article()).value(o.bearer() == null ? null : o.bearer().name()).value(o.dueDate()).value(o.status().name())
                    .value(o.rulebook()).value(o.reason()).value(o.source()).value(evaluatedOn).endRow();
        }
    }

    public List<ObligationRow> list(ObligationFilter filter, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM obligation WHERE true");
        List<Object> args = new ArrayList<>();
        if (filter.organisation() != null) {
            sql.append(" AND organisation = ?");
            args.add(filter.organisation());
        }
        if (filter.systemId() != null) {
            sql.append(" AND system_id = ?");
            args.add(filter.systemId());
        }
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            args.add(filter.status().name());
        }
        if (filter.dueBefore() != null) {
            sql.append(" AND due_date < ?");
            args.add(Date.valueOf(filter.dueBefore()));
        }
        sql.append(" ORDER BY due_date NULLS LAST, organisation, system_name, system_id, code LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), ObligationRepository::row, args.toArray());
    }

    /** The stored obligations of these systems, by system, each system's in the order {@link #list} gives them. */
    public Map<String, List<ObligationRow>> ofSystems(List<String> systemIds) {
        Map<String, List<ObligationRow>> bySystem = new HashMap<>();
        if (systemIds.isEmpty()) {
            return bySystem;
        }
        jdbc.query(connection -> {
            PreparedStatement ps = FreshPlans.prepare(connection,
                    "SELECT * FROM obligation WHERE system_id = ANY(?) ORDER BY system_id, due_date NULLS LAST, code");
            ps.setArray(1, connection.createArrayOf("varchar", systemIds.toArray()));
            return ps;
        }, rs -> {
            ObligationRow row = row(rs, 0);
            bySystem.computeIfAbsent(row.systemId(), id -> new ArrayList<>()).add(row);
        });
        return bySystem;
    }

    /** Whether some system's obligations were last evaluated before {@code date}: their statuses may have changed since. */
    public boolean anyEvaluatedBefore(LocalDate date) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM obligation WHERE evaluated_on < ?)", Boolean.class,
                Date.valueOf(date)));
    }

    private static ObligationRow row(ResultSet rs, int n) throws SQLException {
        Date due = rs.getDate("due_date");
        String bearer = rs.getString("bearer");
        return new ObligationRow(rs.getString("system_id"), rs.getString("system_name"), rs.getString("organisation"),
                rs.getString("code"), rs.getString("title"), rs.getString("article"), bearer == null ? null : Role.valueOf(bearer),
                due == null ? null : due.toLocalDate(), ObligationStatus.valueOf(rs.getString("status")), rs.getString("rulebook"),
                rs.getString("reason"), rs.getString("source"), rs.getDate("evaluated_on").toLocalDate());
    }
}
