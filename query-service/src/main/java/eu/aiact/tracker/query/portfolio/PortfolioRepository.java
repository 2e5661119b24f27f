package eu.aiact.tracker.query.portfolio;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.query.obligation.ObligationFilter;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.obligation.ObligationRow;

/**
 * Counts over the projection tables with SQL ({@code GROUP BY} on the columns and on the JSONB state), so that a portfolio of 100,000
 * systems is counted in the database, never loaded into memory.
 */
@Repository
public class PortfolioRepository {

    static final String UNKNOWN = "UNKNOWN";
    static final String NONE = "NONE";
    /** Open obligations: the ones a deadline list shows. */
    static final String OPEN = "('NOT_YET_DUE', 'DUE_SOON', 'OVERDUE')";

    private final JdbcTemplate jdbc;
    private final ObligationRepository obligations;
    private final Clock clock;

    /** The count of paused systems (in use or in experiment, temporarily paused) in {@code byPhase} and {@code byLifecycle}. */
    public static final String PAUSED = "PAUSED";
    private static final String IS_PAUSED = "coalesce((state->>'paused')::boolean, false)";

    public PortfolioRepository(JdbcTemplate jdbc, ObligationRepository obligations, Clock clock) {
        this.jdbc = jdbc;
        this.obligations = obligations;
        this.clock = clock;
    }

    /** The portfolio of {@code organisation}, or of every organisation when it is null; lists hold at most {@code listLimit} rows. */
    public Portfolio portfolio(String organisation, int listLimit) {
        Where where = new Where(organisation);
        long systems = count("SELECT count(*) FROM ai_system" + where.sql, where);
        long organisations = count("SELECT count(DISTINCT organisation) FROM ai_system" + where.sql, where);

        // a paused system (temporarily, not ended) is counted as paused, not as in use or in experiment
        List<String> phases = new java.util.ArrayList<>(enumNames(Phase.values()));
        phases.add(PAUSED);
        Map<String, Long> byPhase = keyed(phases, false);
        byPhase.putAll(groupBy("CASE WHEN phase <> 'ENDED' AND " + IS_PAUSED + " THEN '" + PAUSED + "' ELSE phase END", where));
        Map<String, Long> byLifecycle = keyed(List.of("PLANNED", "EXPERIMENT", "IN_USE", PAUSED, "ENDED_EXPERIMENT", "ENDED_AFTER_USE"),
                false);
        byLifecycle.putAll(groupBy("""
                CASE WHEN phase <> 'ENDED' AND %s THEN '%s'
                     WHEN phase <> 'ENDED' THEN phase
                     WHEN state->>'inServiceSince' IS NULL THEN 'ENDED_EXPERIMENT' ELSE 'ENDED_AFTER_USE' END""".formatted(IS_PAUSED, PAUSED),
                where));
        Map<String, Long> byRiskClass = keyed(enumNames(RiskClass.values()), false);
        byRiskClass.putAll(groupBy("risk_class", where));
        Map<String, Long> byPurpose = new LinkedHashMap<>();
        jdbc.query("SELECT coalesce(nullif(trim(state->>'purpose'), ''), '" + UNKNOWN + "') AS k, count(*) FROM ai_system" + where.sql
                + " GROUP BY k ORDER BY count(*) DESC, k", rs -> {
                    byPurpose.put(rs.getString(1), rs.getLong(2));
                }, where.args());
        Map<String, Long> byDevelopedBy = keyed(enumNames(DevelopedBy.values()), true);
        byDevelopedBy.putAll(groupBy("coalesce(state->>'developedBy', '" + UNKNOWN + "')", where));
        Map<String, Long> byGenerativeAi = keyed(List.of("true", "false"), true);
        byGenerativeAi.putAll(groupBy("coalesce(state->>'generativeAi', '" + UNKNOWN + "')", where));

        return new Portfolio(organisation, LocalDate.now(clock), systems, organisations, byPhase, byLifecycle, byRiskClass, byPurpose,
                byDevelopedBy, byGenerativeAi, assessments(where, systems), registers(where, systems), deadlinesByMonth(where),
                countObligations(ObligationStatus.OVERDUE, where), listObligations(organisation, ObligationStatus.OVERDUE, listLimit),
                countObligations(ObligationStatus.VIOLATION, where), listObligations(organisation, ObligationStatus.VIOLATION, listLimit),
                rulebookChanges(where));
    }

    /** Every organisation with its number of systems, by name. */
    public Map<String, Long> organisations() {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.query("SELECT organisation, count(*) FROM ai_system GROUP BY organisation ORDER BY organisation",
                rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                });
        return result;
    }

    /**
     * Per assessment type, how many systems have none, or have one planned, in progress or done (the furthest of the system's
     * assessments of that type counts).
     */
    private Map<String, Map<String, Long>> assessments(Where where, long systems) {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        for (AssessmentType type : AssessmentType.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            byStatus.put(NONE, systems);
            for (AssessmentStatus status : AssessmentStatus.values()) {
                byStatus.put(status.name(), 0L);
            }
            result.put(type.name(), byStatus);
        }
        jdbc.query("""
                WITH furthest AS (
                    SELECT s.id, a.value->>'type' AS type,
                           max(CASE a.value->>'status' WHEN 'DONE' THEN 3 WHEN 'IN_PROGRESS' THEN 2 ELSE 1 END) AS rank
                    FROM ai_system s CROSS JOIN LATERAL jsonb_each(coalesce(s.state->'assessments', '{}'::jsonb)) a""" + where.sql("s") + """

                    GROUP BY s.id, a.value->>'type')
                SELECT type, rank, count(*) FROM furthest GROUP BY type, rank""", rs -> {
            Map<String, Long> byStatus = result.get(rs.getString(1));
            if (byStatus == null) {
                return;
            }
            int rank = rs.getInt(2);
            String status = rank == 3 ? "DONE" : rank == 2 ? "IN_PROGRESS" : "PLANNED";
            byStatus.put(status, rs.getLong(3));
            byStatus.put(NONE, byStatus.get(NONE) - rs.getLong(3));
        }, where.args());
        return result;
    }

    private Portfolio.Registers registers(Where where, long systems) {
        StringBuilder sql = new StringBuilder("SELECT ");
        for (AlgoritmeregisterCategory category : AlgoritmeregisterCategory.values()) {
            sql.append("count(*) FILTER (WHERE state->'registrations' @> '[{\"register\":\"ALGORITMEREGISTER\",\"category\":\"")
                    .append(category.name()).append("\"}]'), ");
        }
        sql.append("""
                count(*) FILTER (WHERE state->'registrations' @> '[{"register":"ALGORITMEREGISTER"}]'),
                count(*) FILTER (WHERE state->'registrations' @> '[{"register":"EU_DATABASE"}]'),
                count(*) FILTER (WHERE coalesce(jsonb_array_length(state->'registrations'), 0) = 0)
                FROM ai_system""").append(where.sql);
        return jdbc.queryForObject(sql.toString(), (rs, n) -> {
            Map<String, Long> categories = new LinkedHashMap<>();
            int column = 1;
            for (AlgoritmeregisterCategory category : AlgoritmeregisterCategory.values()) {
                categories.put(category.name(), rs.getLong(column++));
            }
            return new Portfolio.Registers(categories, rs.getLong(column), rs.getLong(column + 1), rs.getLong(column + 2));
        }, where.args());
    }

    private List<Portfolio.MonthDeadlines> deadlinesByMonth(Where where) {
        return jdbc.query("SELECT to_char(due_date, 'YYYY-MM') AS month, count(*), count(DISTINCT system_id) FROM obligation"
                + where.sql + where.and() + "status IN " + OPEN + " AND due_date IS NOT NULL GROUP BY month ORDER BY month",
                (rs, n) -> new Portfolio.MonthDeadlines(rs.getString(1), rs.getLong(2), rs.getLong(3)), where.args());
    }

    private long countObligations(ObligationStatus status, Where where) {
        List<Object> args = new ArrayList<>(List.of(where.args()));
        args.add(status.name());
        return count("SELECT count(*) FROM obligation" + where.sql + where.and() + "status = ?", args.toArray());
    }

    private List<ObligationRow> listObligations(String organisation, ObligationStatus status, int limit) {
        return obligations.list(new ObligationFilter(organisation, null, status, null), limit, 0);
    }

    private List<Portfolio.RulebookImpact> rulebookChanges(Where where) {
        return jdbc.query("SELECT version_id, count(DISTINCT system_id), count(*) FROM obligation_change" + where.sql
                + " GROUP BY version_id ORDER BY min(changed_at), version_id",
                (rs, n) -> new Portfolio.RulebookImpact(rs.getString(1), rs.getLong(2), rs.getLong(3)), where.args());
    }

    private Map<String, Long> groupBy(String expression, Where where) {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.query("SELECT " + expression + " AS k, count(*) FROM ai_system" + where.sql + " GROUP BY k", rs -> {
            result.put(rs.getString(1), rs.getLong(2));
        }, where.args());
        return result;
    }

    private long count(String sql, Where where) {
        return count(sql, where.args());
    }

    private long count(String sql, Object[] args) {
        Long count = jdbc.queryForObject(sql, Long.class, args);
        return count == null ? 0 : count;
    }

    private static Map<String, Long> keyed(List<String> keys, boolean withUnknown) {
        Map<String, Long> map = new LinkedHashMap<>();
        keys.forEach(k -> map.put(k, 0L));
        if (withUnknown) {
            map.put(UNKNOWN, 0L);
        }
        return map;
    }

    private static List<String> enumNames(Enum<?>[] values) {
        List<String> names = new ArrayList<>();
        for (Enum<?> value : values) {
            names.add(value.name());
        }
        return names;
    }

    /** The organisation filter, as a WHERE clause (or none) and its argument. */
    private static final class Where {
        final String organisation;
        final String sql;

        Where(String organisation) {
            this.organisation = organisation;
            this.sql = organisation == null ? "" : " WHERE organisation = ?";
        }

        String sql(String alias) {
            return organisation == null ? "" : " WHERE " + alias + ".organisation = ?";
        }

        String and() {
            return organisation == null ? " WHERE " : " AND ";
        }

        Object[] args() {
            return organisation == null ? new Object[0] : new Object[] {organisation};
        }
    }
}
