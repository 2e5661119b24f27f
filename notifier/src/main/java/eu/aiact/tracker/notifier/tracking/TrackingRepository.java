package eu.aiact.tracker.notifier.tracking;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.api.system.Phase;

/** The tracked_system and tracked_obligation tables. */
@Repository
public class TrackingRepository {

    private final JdbcTemplate jdbc;

    public TrackingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Replaces what is known of the system by the message, unless a newer evaluation is stored. Call in a transaction.
     *
     * @return true when the message was applied, false when it was older than the stored one
     */
    public boolean replace(SystemObligations message, Instant receivedAt) {
        // Lock the system's row (if any) so that two deliveries of messages for one system cannot interleave.
        List<Timestamp> stored = jdbc.queryForList("SELECT evaluated_at FROM tracked_system WHERE system_id = ? FOR UPDATE",
                Timestamp.class, message.systemId());
        if (!stored.isEmpty() && stored.get(0).toInstant().isAfter(message.evaluatedAt())) {
            return false;
        }
        jdbc.update("""
                INSERT INTO tracked_system (system_id, organisation, system_name, phase, paused, risk_class, experiment_started_on,
                    in_service_since, ended_on, system_version, evaluated_on, evaluated_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (system_id) DO UPDATE SET organisation = EXCLUDED.organisation, system_name = EXCLUDED.system_name,
                    phase = EXCLUDED.phase, paused = EXCLUDED.paused, risk_class = EXCLUDED.risk_class,
                    experiment_started_on = EXCLUDED.experiment_started_on, in_service_since = EXCLUDED.in_service_since,
                    ended_on = EXCLUDED.ended_on, system_version = EXCLUDED.system_version, evaluated_on = EXCLUDED.evaluated_on,
                    evaluated_at = EXCLUDED.evaluated_at, received_at = EXCLUDED.received_at""",
                message.systemId(), message.organisation(), message.systemName(), name(message.phase()), message.paused(),
                name(message.riskClass()), date(message.experimentStartedOn()), date(message.inServiceSince()), date(message.endedOn()),
                message.systemVersion(), date(message.evaluatedOn()), Timestamp.from(message.evaluatedAt()), Timestamp.from(receivedAt));
        jdbc.update("DELETE FROM tracked_obligation WHERE system_id = ?", message.systemId());
        List<ObligationItem> items = message.obligations() == null ? List.of() : message.obligations();
        if (items.isEmpty()) {
            return true;
        }
        // one batch (one round trip to the database) for the system's obligations, not one statement each (docs/performance.md, run AC)
        jdbc.batchUpdate("""
                INSERT INTO tracked_obligation (system_id, code, organisation, system_name, title, article, bearer, due_date, status,
                    rulebook, reason, source, phase, paused, risk_class, experiment_started_on, in_service_since, critical_when_overdue)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (system_id, code) DO NOTHING""", items.stream().map(item -> new Object[] {
                message.systemId(), item.code(), message.organisation(), message.systemName(), item.title(), item.article(),
                name(item.bearer()), date(item.dueDate()), name(item.status()), item.rulebook(), item.reason(), item.source(),
                name(message.phase()), message.paused(), name(message.riskClass()), date(message.experimentStartedOn()),
                date(message.inServiceSince()), Boolean.TRUE.equals(item.criticalWhenOverdue())}).toList());
        return true;
    }

    /** Every tracked system with its obligations; only those of the given organisations when they are not null. */
    public List<TrackedSystem> all(Set<String> organisations) {
        Map<String, TrackedSystem> systems = new LinkedHashMap<>();
        String where = organisations == null ? "" : " WHERE organisation = ANY(?)";
        jdbc.query("SELECT * FROM tracked_system" + where + " ORDER BY system_id", rs -> {
            TrackedSystem system = system(rs);
            systems.put(system.systemId(), system);
        }, organisationArgs(organisations));
        jdbc.query("SELECT * FROM tracked_obligation" + where + " ORDER BY system_id, code", rs -> {
            TrackedSystem system = systems.get(rs.getString("system_id"));
            if (system != null) {
                system.obligations().add(obligation(rs));
            }
        }, organisationArgs(organisations));
        return new ArrayList<>(systems.values());
    }

    /**
     * Every tracked system with its obligations, as {@link #all(Set) all(null)} reads them (systems in system id order, each system's
     * obligations in code order), one page of at most {@code pageSize} systems at a time, so that a sweep holds one page in memory
     * rather than every system. Pages follow each other by system id (keyset): each is one query, none is held open while the
     * consumer works (it may write on the same connection).
     */
    public void forEachPage(int pageSize, Consumer<List<TrackedSystem>> consumer) {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be at least 1");
        }
        String last = null;
        while (true) {
            List<TrackedSystem> page = new ArrayList<>();
            RowCallbackHandler rows = rs -> {
                String systemId = rs.getString("system_id");
                TrackedSystem system = page.isEmpty() ? null : page.get(page.size() - 1);
                if (system == null || !system.systemId().equals(systemId)) {
                    system = system(rs);
                    page.add(system);
                }
                if (rs.getString("code") != null) {
                    system.obligations().add(obligation(rs));
                }
            };
            if (last == null) {
                jdbc.query(PAGE.formatted(""), rows, pageSize);
            } else {
                jdbc.query(PAGE.formatted("WHERE system_id > ?"), rows, last, pageSize);
            }
            if (page.isEmpty()) {
                return;
            }
            last = page.get(page.size() - 1).systemId();
            consumer.accept(page);
            if (page.size() < pageSize) {
                return;
            }
        }
    }

    /** One page of systems after a system id (or the first page), each with its obligations (none: one row with a null code). */
    private static final String PAGE = """
            SELECT s.system_id, s.organisation, s.system_name, s.phase, s.paused, s.risk_class, s.experiment_started_on, s.in_service_since,
                s.ended_on, s.evaluated_at, o.code, o.title, o.article, o.bearer, o.due_date, o.status, o.rulebook, o.reason, o.source,
                o.critical_when_overdue
            FROM (SELECT * FROM tracked_system %s ORDER BY system_id LIMIT ?) s
            LEFT JOIN tracked_obligation o ON o.system_id = s.system_id
            ORDER BY s.system_id, o.code""";

    /** A fresh SQL array argument per query: JdbcTemplate frees it after the statement. */
    private static Object[] organisationArgs(Set<String> organisations) {
        return organisations == null ? new Object[0] : new Object[] {new SqlArrayValue("varchar", organisations.toArray())};
    }

    public Optional<TrackedSystem> find(String systemId) {
        List<TrackedSystem> found = jdbc.query("SELECT * FROM tracked_system WHERE system_id = ?", (rs, n) -> system(rs), systemId);
        return found.stream().findFirst();
    }

    private static TrackedSystem system(ResultSet rs) throws SQLException {
        return new TrackedSystem(rs.getString("system_id"), rs.getString("organisation"), rs.getString("system_name"),
                rs.getString("phase") == null ? null : Phase.valueOf(rs.getString("phase")), rs.getBoolean("paused"),
                rs.getString("risk_class") == null ? null : RiskClass.valueOf(rs.getString("risk_class")),
                localDate(rs.getDate("experiment_started_on")), localDate(rs.getDate("in_service_since")), localDate(rs.getDate("ended_on")),
                rs.getTimestamp("evaluated_at").toInstant(), new ArrayList<>());
    }

    private static TrackedObligation obligation(ResultSet rs) throws SQLException {
        return new TrackedObligation(rs.getString("code"), rs.getString("title"), rs.getString("article"), rs.getString("bearer"),
                localDate(rs.getDate("due_date")), ObligationStatus.valueOf(rs.getString("status")), rs.getString("rulebook"),
                rs.getString("reason"), rs.getString("source"), rs.getBoolean("critical_when_overdue"));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    private static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
