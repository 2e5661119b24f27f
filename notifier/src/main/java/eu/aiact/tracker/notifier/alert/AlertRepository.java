package eu.aiact.tracker.notifier.alert;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The alert table: one row per alert key, never two. Only real alerts are here; a simulation's are in {@code simulation_alert}. */
@Repository
public class AlertRepository {

    private static final TypeReference<List<MovedDeadline>> MOVES = new TypeReference<>() {
    };
    private static final int TEXT_COLUMNS = 20;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public AlertRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** @return true when the alert is new; false when its key was stored before (the stored one is kept as it was) */
    public boolean insert(Alert alert, boolean emailDigest) {
        return !insertAll(List.of(alert), List.of(emailDigest)).isEmpty();
    }

    /**
     * Inserts the alerts whose keys are not stored yet, with one statement (the alerts' fields as arrays); a key stored before keeps
     * its stored alert. A key that comes twice in the list is inserted once, with the first one's fields. A sweep leaves out the keys
     * stored before ({@link #keyed}), so that their fields are not sent.
     *
     * @param emailDigest for each alert, in the same order: whether its mail goes in the organisation's digest
     * @return the alerts that were new, in the order given
     */
    public List<Alert> insertAll(List<Alert> alerts, List<Boolean> emailDigest) {
        if (alerts.size() != emailDigest.size()) {
            throw new IllegalArgumentException("one emailDigest per alert");
        }
        if (alerts.isEmpty()) {
            return List.of();
        }
        int n = alerts.size();
        String[][] text = new String[TEXT_COLUMNS][n];
        Boolean[] digest = new Boolean[n];
        Boolean[] paused = new Boolean[n];
        for (int i = 0; i < n; i++) {
            Alert alert = alerts.get(i);
            String[] row = {alert.key(), alert.kind().name(), alert.severity().name(), alert.audience().name(), alert.organisation(),
                    alert.systemId(), alert.systemName(), alert.code(), alert.title(), alert.article(), alert.source(),
                    alert.dueDate() == null ? null : alert.dueDate().toString(),
                    alert.daysLeft() == null ? null : alert.daysLeft().toString(),
                    alert.horizonDays() == null ? null : alert.horizonDays().toString(), alert.reason(), alert.summary(), alert.dashboardUrl(),
                    alert.moves() == null || alert.moves().isEmpty() ? null : json.writeValueAsString(alert.moves()),
                    alert.decidedOn() == null ? null : alert.decidedOn().toString(),
                    alert.acknowledgement() == null ? null : json.writeValueAsString(alert.acknowledgement())};
            for (int c = 0; c < row.length; c++) {
                text[c][i] = row[c];
            }
            digest[i] = emailDigest.get(i);
            paused[i] = alert.systemPaused();
        }
        String[] createdAt = new String[n]; // ISO-8601 instants, read by PostgreSQL as timestamptz
        for (int i = 0; i < n; i++) {
            createdAt[i] = alerts.get(i).createdAt().toString();
        }
        Object[] args = new Object[TEXT_COLUMNS + 3];
        for (int c = 0; c < TEXT_COLUMNS; c++) {
            args[c] = new SqlArrayValue("text", (Object[]) text[c]);
        }
        args[TEXT_COLUMNS] = new SqlArrayValue("text", (Object[]) createdAt);
        args[TEXT_COLUMNS + 1] = new SqlArrayValue("bool", (Object[]) digest);
        args[TEXT_COLUMNS + 2] = new SqlArrayValue("bool", (Object[]) paused);
        Set<String> inserted = new HashSet<>(jdbc.queryForList("""
                INSERT INTO alert (alert_key, kind, severity, audience, organisation, system_id, system_name, code, title, article, source,
                    due_date, days_left, horizon_days, reason, summary, dashboard_url, moves, decided_on, acknowledgement, created_at,
                    email_digest, system_paused)
                SELECT k, kind, severity, audience, organisation, system_id, system_name, code, title, article, source, due_date::date,
                    days_left::integer, horizon_days::integer, reason, summary, dashboard_url, moves, decided_on::date, acknowledgement,
                    created_at::timestamptz, email_digest, system_paused
                FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                    ?::text[], ?::boolean[], ?::boolean[]) WITH ORDINALITY AS a (k, kind, severity, audience, organisation, system_id,
                    system_name, code, title, article, source, due_date, days_left, horizon_days, reason, summary, dashboard_url, moves,
                    decided_on, acknowledgement, created_at, email_digest, system_paused, n)
                ORDER BY n
                ON CONFLICT (alert_key) DO NOTHING
                RETURNING alert_key""", String.class, args));
        List<Alert> created = new ArrayList<>(inserted.size());
        for (Alert alert : alerts) {
            if (inserted.remove(alert.key())) {
                created.add(alert);
            }
        }
        return created;
    }

    /** Which of the keys are stored. */
    public Set<String> storedKeys(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.queryForList("SELECT alert_key FROM alert WHERE alert_key = ANY(?::varchar[])", String.class,
                new SqlArrayValue("varchar", keys.toArray())));
    }

    /** The due date stored with each of the keys that is stored (null for an alert without one); keys not stored are absent. */
    public Map<String, LocalDate> storedDueDates(Collection<String> keys) {
        Map<String, LocalDate> dueDates = new java.util.HashMap<>();
        if (!keys.isEmpty()) {
            jdbc.query("SELECT alert_key, due_date FROM alert WHERE alert_key = ANY(?::varchar[])",
                    rs -> {
                        dueDates.put(rs.getString("alert_key"), localDate(rs.getDate("due_date")));
                    }, new SqlArrayValue("varchar", keys.toArray()));
        }
        return dueDates;
    }

    /**
     * The decided alerts keyed for the due dates their keys were stored with ({@link AlertDecider#forStoredDueDates}), and which of
     * the keys they then have are stored already: one lookup of the decided keys gives both (a key is stored when its due date is
     * found), and only the keys of moved deadlines (rare) are looked up again.
     *
     * @param alerts the keyed alerts, in the order decided
     * @param stored the keys among them stored before (a sweep leaves them out: after the day's first sweep, nearly all of them)
     */
    public record Keyed(List<Alert> alerts, Set<String> stored) {

        /** The keyed alerts not stored before. */
        public List<Alert> fresh() {
            return alerts.stream().filter(alert -> !stored.contains(alert.key())).toList();
        }
    }

    public Keyed keyed(List<Alert> decided) {
        Map<String, LocalDate> stored = storedDueDates(decided.stream().map(Alert::key).distinct().toList());
        List<Alert> keyed = AlertDecider.forStoredDueDates(decided, stored);
        Set<String> storedKeys = new HashSet<>();
        List<String> moved = new ArrayList<>();
        for (int i = 0; i < keyed.size(); i++) {
            String key = keyed.get(i).key();
            if (!key.equals(decided.get(i).key())) {
                moved.add(key);
            } else if (stored.containsKey(key)) {
                storedKeys.add(key);
            }
        }
        storedKeys.addAll(storedKeys(moved));
        return new Keyed(keyed, storedKeys);
    }

    /** Records that no channel reaching a person carries these alerts. */
    public void markUnrouted(Collection<String> keys) {
        if (!keys.isEmpty()) {
            jdbc.update("UPDATE alert SET routed = FALSE WHERE alert_key = ANY(?::varchar[])", new SqlArrayValue("varchar", keys.toArray()));
        }
    }

    public boolean exists(String key) {
        Integer count = jdbc.queryForObject("SELECT count(*) FROM alert WHERE alert_key = ?", Integer.class, key);
        return count != null && count > 0;
    }

    public Optional<Alert> find(String key) {
        return jdbc.query("SELECT * FROM alert WHERE alert_key = ?", this::row, key).stream().findFirst();
    }

    /** The alerts a message of several alerts carries, in the order they were stored. */
    public List<Alert> inMessage(String messageKey) {
        return jdbc.query("""
                SELECT a.* FROM message_alert m JOIN alert a ON a.alert_key = m.alert_key WHERE m.message_key = ? ORDER BY a.id""",
                this::row, messageKey);
    }

    /**
     * A page of stored alerts, newest first.
     *
     * @param organisations only alerts of these organisations (one SQL array parameter); null for every organisation
     * @param systemId only alerts of this system, when given
     */
    public List<Alert> list(Set<String> organisations, String systemId, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM alert WHERE organisation <> '" + Alert.PLATFORM + "'");
        List<Object> args = new ArrayList<>();
        if (organisations != null) {
            sql.append(" AND organisation = ANY(?)");
            args.add(new SqlArrayValue("varchar", organisations.toArray()));
        }
        if (systemId != null) {
            sql.append(" AND system_id = ?");
            args.add(systemId);
        }
        sql.append(" ORDER BY id DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), this::row, args.toArray());
    }

    /**
     * How many records each consumer of the platform set aside as dead letters, as the platform's notices count them (one per consumer
     * and record position; {@code service/consumer} from the notice's key), by consumer.
     */
    public Map<String, Long> recordDeadLettersByConsumer() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT substring(alert_key from '\\|DEAD-LETTER:(.*?)@') AS consumer, count(*) AS n FROM alert
                WHERE organisation = ? AND kind = ? GROUP BY 1""", rs -> {
            counts.put(rs.getString("consumer") == null ? "(unknown)" : rs.getString("consumer"), rs.getLong("n"));
        }, Alert.PLATFORM, AlertKind.RECORD_DEAD_LETTER.name());
        return counts;
    }

    /** The platform's own notices, newest first. */
    public List<Alert> platformNotices(int limit) {
        return jdbc.query("SELECT * FROM alert WHERE organisation = ? ORDER BY id DESC LIMIT ?", this::row, Alert.PLATFORM, limit);
    }

    /**
     * Claims every unrouted alert that no notice reported yet for the notice (one notice reports each alert once).
     *
     * @return the claimed alerts, oldest first
     */
    public List<Alert> claimUnreported(String noticeKey) {
        return jdbc.query("""
                UPDATE alert SET unrouted_notice_key = ? WHERE NOT routed AND unrouted_notice_key IS NULL AND organisation <> ?
                RETURNING *""", this::row, noticeKey, Alert.PLATFORM).stream()
                .sorted(java.util.Comparator.comparing(Alert::createdAt).thenComparing(Alert::key)).toList();
    }

    Alert row(ResultSet rs, int n) throws SQLException {
        String moves = rs.getString("moves");
        String acknowledgement = rs.getString("acknowledgement");
        return new Alert(rs.getString("alert_key"), AlertKind.valueOf(rs.getString("kind")), Severity.valueOf(rs.getString("severity")),
                Audience.valueOf(rs.getString("audience")), rs.getString("organisation"), rs.getString("system_id"),
                rs.getString("system_name"), rs.getString("code"), rs.getString("title"), rs.getString("article"), rs.getString("source"),
                localDate(rs.getDate("due_date")), (Integer) rs.getObject("days_left"), (Integer) rs.getObject("horizon_days"),
                rs.getString("reason"), rs.getString("summary"), rs.getString("dashboard_url"),
                moves == null ? List.of() : json.readValue(moves, MOVES), localDate(rs.getDate("decided_on")),
                rs.getTimestamp("created_at").toInstant(), rs.getBoolean("system_paused"),
                acknowledgement == null ? null : json.readValue(acknowledgement, Acknowledgement.class));
    }

    static Date date(LocalDate date) {
        return date == null ? null : Date.valueOf(date);
    }

    private static LocalDate localDate(Date date) {
        return date == null ? null : date.toLocalDate();
    }

    static Timestamp timestamp(java.time.Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
