package eu.aiact.tracker.query.portfolio;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
 * The portfolio, read from the counts the projection keeps ({@link PortfolioCounts}: a few hundred rows per organisation, whatever
 * the number of systems), and the overdue obligations and violations listed from the obligations table by its status index.
 */
@Repository
public class PortfolioRepository {

    static final String UNKNOWN = "UNKNOWN";
    static final String NONE = "NONE";

    private final JdbcTemplate jdbc;
    private final ObligationRepository obligations;
    private final Clock clock;

    /** The count of paused systems (in use or in experiment, temporarily paused) in {@code byPhase} and {@code byLifecycle}. */
    public static final String PAUSED = "PAUSED";

    public PortfolioRepository(JdbcTemplate jdbc, ObligationRepository obligations, Clock clock) {
        this.jdbc = jdbc;
        this.obligations = obligations;
        this.clock = clock;
    }

    /** The portfolio of {@code organisation}, or of every organisation when it is null; lists hold at most {@code listLimit} rows. */
    public Portfolio portfolio(String organisation, int listLimit) {
        Where where = new Where(organisation);
        Counts counts = new Counts();
        long[] organisations = {0};
        // per measure and key, the sum over the organisations, and how many organisations have any (for the systems: the organisations)
        jdbc.query("SELECT measure, key, sum(n), count(*) FILTER (WHERE n > 0) FROM " + PortfolioCounts.TABLE + where.sql
                + " GROUP BY measure, key", rs -> {
            counts.put(rs.getString(1), rs.getString(2), rs.getLong(3));
            if (rs.getString(1).equals("systems")) {
                organisations[0] = rs.getLong(4);
            }
        }, where.args());
        long systems = counts.get("systems", "");

        // a paused system (temporarily, not ended) is counted as paused, not as in use or in experiment
        List<String> phases = new ArrayList<>(enumNames(Phase.values()));
        phases.add(PAUSED);
        Map<String, Long> byPhase = counts.keyed("phase", phases, false);
        Map<String, Long> byLifecycle = counts.keyed("lifecycle",
                List.of("PLANNED", "EXPERIMENT", "IN_USE", PAUSED, "ENDED_EXPERIMENT", "ENDED_AFTER_USE"), false);
        Map<String, Long> byRiskClass = counts.keyed("riskClass", enumNames(RiskClass.values()), false);
        Map<String, Long> byPurpose = new LinkedHashMap<>();
        counts.of("purpose").entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> byPurpose.put(e.getKey(), e.getValue()));
        Map<String, Long> byDevelopedBy = counts.keyed("developedBy", enumNames(DevelopedBy.values()), true);
        Map<String, Long> byGenerativeAi = counts.keyed("generativeAi", List.of("true", "false"), true);

        Map<String, Long> byStatus = counts.of("obligations");
        return new Portfolio(organisation, LocalDate.now(clock), systems, organisations[0], byPhase, byLifecycle,
                byRiskClass, byPurpose, byDevelopedBy, byGenerativeAi, assessments(counts, systems), registers(counts),
                deadlinesByMonth(counts), byStatus.getOrDefault(ObligationStatus.OVERDUE.name(), 0L),
                listObligations(organisation, ObligationStatus.OVERDUE, listLimit),
                byStatus.getOrDefault(ObligationStatus.VIOLATION.name(), 0L),
                listObligations(organisation, ObligationStatus.VIOLATION, listLimit), rulebookChanges(counts));
    }

    /** Every organisation with its number of systems, by name. */
    public Map<String, Long> organisations() {
        Map<String, Long> result = new LinkedHashMap<>();
        jdbc.query("SELECT organisation, n FROM " + PortfolioCounts.TABLE + " WHERE measure = 'systems' AND n > 0 ORDER BY organisation",
                rs -> {
                    result.put(rs.getString(1), rs.getLong(2));
                });
        return result;
    }

    /**
     * Per assessment type, how many systems have none, or have one planned, in progress or done (the furthest of the system's
     * assessments of that type counts).
     */
    private static Map<String, Map<String, Long>> assessments(Counts counts, long systems) {
        Map<String, Map<String, Long>> result = new LinkedHashMap<>();
        for (AssessmentType type : AssessmentType.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            byStatus.put(NONE, systems);
            for (AssessmentStatus status : AssessmentStatus.values()) {
                long n = counts.get("assessment:" + type.name(), status.name());
                byStatus.put(status.name(), n);
                byStatus.put(NONE, byStatus.get(NONE) - n);
            }
            result.put(type.name(), byStatus);
        }
        return result;
    }

    private static Portfolio.Registers registers(Counts counts) {
        Map<String, Long> categories = new LinkedHashMap<>();
        for (AlgoritmeregisterCategory category : AlgoritmeregisterCategory.values()) {
            categories.put(category.name(), counts.get("register", "ALGORITMEREGISTER:" + category.name()));
        }
        return new Portfolio.Registers(categories, counts.get("register", "ALGORITMEREGISTER"), counts.get("register", "EU_DATABASE"),
                counts.get("register", NONE));
    }

    private static List<Portfolio.MonthDeadlines> deadlinesByMonth(Counts counts) {
        Map<String, Long> systems = counts.of("dueSystems");
        return new TreeMap<>(counts.of("dueObligations")).entrySet().stream()
                .map(e -> new Portfolio.MonthDeadlines(e.getKey(), e.getValue(), systems.getOrDefault(e.getKey(), 0L))).toList();
    }

    private List<ObligationRow> listObligations(String organisation, ObligationStatus status, int limit) {
        return obligations.list(new ObligationFilter(organisation, null, status, null), limit, 0);
    }

    /** Per rulebook version, in the order they became applicable: the systems and obligations whose due dates it moved. */
    private List<Portfolio.RulebookImpact> rulebookChanges(Counts counts) {
        Map<String, Long> systems = counts.of("movedSystems");
        Map<String, Long> moved = counts.of("movedObligations");
        if (moved.isEmpty()) {
            return List.of();
        }
        List<String> order = jdbc.queryForList("SELECT version_id FROM rulebook_application ORDER BY recorded_at, version_id", String.class);
        return moved.keySet().stream().sorted(Comparator.<String>comparingInt(v -> order.contains(v) ? order.indexOf(v) : order.size())
                .thenComparing(Comparator.naturalOrder()))
                .map(version -> new Portfolio.RulebookImpact(version, systems.getOrDefault(version, 0L), moved.get(version))).toList();
    }

    /** The counts read, by measure and key. */
    private static final class Counts {
        private final Map<String, Map<String, Long>> byMeasure = new HashMap<>();

        void put(String measure, String key, long n) {
            if (n != 0) {
                byMeasure.computeIfAbsent(measure, m -> new LinkedHashMap<>()).put(key, n);
            }
        }

        long get(String measure, String key) {
            return of(measure).getOrDefault(key, 0L);
        }

        Map<String, Long> of(String measure) {
            return byMeasure.getOrDefault(measure, Map.of());
        }

        /** The measure's counts under these keys (zeros included, in this order; and UNKNOWN last when asked), then any others. */
        Map<String, Long> keyed(String measure, List<String> keys, boolean withUnknown) {
            Map<String, Long> map = new LinkedHashMap<>();
            keys.forEach(k -> map.put(k, 0L));
            if (withUnknown) {
                map.put(UNKNOWN, 0L);
            }
            map.putAll(of(measure));
            return map;
        }
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

        Object[] args() {
            return organisation == null ? new Object[0] : new Object[] {organisation};
        }
    }
}
