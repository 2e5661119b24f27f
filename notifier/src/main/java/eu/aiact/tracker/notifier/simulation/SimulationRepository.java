package eu.aiact.tracker.notifier.simulation;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.notifier.alert.Alert;
import tools.jackson.databind.json.JsonMapper;

/** The simulation and simulation_alert tables. No real sweep, delivery or preview reads them. */
@Repository
public class SimulationRepository {

    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public SimulationRepository(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long create(LocalDate date, String organisation, String origin, String requestedBy, String sandboxEmail, String sandboxWebhookUrl,
            Instant now) {
        String sandbox = sandboxEmail == null && sandboxWebhookUrl == null ? null
                : json.writeValueAsString(Map.of("email", sandboxEmail == null ? "" : sandboxEmail,
                        "webhookUrl", sandboxWebhookUrl == null ? "" : sandboxWebhookUrl));
        return jdbc.queryForObject("""
                INSERT INTO simulation (simulated_date, organisation, origin, requested_by, created_at, sandbox)
                VALUES (?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, Date.valueOf(date), organisation, origin, requestedBy,
                Timestamp.from(now), sandbox);
    }

    /** The open simulation of sweeps asked for while the clock is set to the date, made when there is none. */
    public long openClockSimulation(LocalDate date, String requestedBy, Instant now) {
        List<Long> open = jdbc.queryForList("""
                SELECT id FROM simulation WHERE origin = 'CLOCK' AND closed_at IS NULL AND simulated_date = ? ORDER BY id DESC LIMIT 1""",
                Long.class, Date.valueOf(date));
        return open.isEmpty() ? create(date, null, Simulation.CLOCK, requestedBy, null, null, now) : open.get(0);
    }

    public void closeClockSimulations(Instant now) {
        jdbc.update("UPDATE simulation SET closed_at = ? WHERE origin = 'CLOCK' AND closed_at IS NULL", Timestamp.from(now));
    }

    /**
     * Adds the alerts the simulation does not hold yet.
     *
     * @return those that were new, in the order given
     */
    public List<Alert> addAlerts(long simulation, List<Alert> alerts) {
        if (alerts.isEmpty()) {
            return List.of();
        }
        String[] keys = alerts.stream().map(Alert::key).toArray(String[]::new);
        String[] organisations = alerts.stream().map(Alert::organisation).toArray(String[]::new);
        String[] bodies = alerts.stream().map(json::writeValueAsString).toArray(String[]::new);
        Set<String> inserted = new HashSet<>(jdbc.queryForList("""
                INSERT INTO simulation_alert (simulation_id, alert_key, organisation, alert)
                SELECT ?, k, o, a FROM unnest(?::text[], ?::text[], ?::text[]) WITH ORDINALITY AS s (k, o, a, n) ORDER BY n
                ON CONFLICT DO NOTHING RETURNING alert_key""", String.class, simulation, new SqlArrayValue("text", (Object[]) keys),
                new SqlArrayValue("text", (Object[]) organisations), new SqlArrayValue("text", (Object[]) bodies)));
        List<Alert> created = new ArrayList<>();
        for (Alert alert : alerts) {
            if (inserted.remove(alert.key())) {
                created.add(alert);
            }
        }
        return created;
    }

    public List<Simulation> list(int limit, int offset) {
        return jdbc.query(SELECT + " ORDER BY s.id DESC LIMIT ? OFFSET ?", this::row, limit, offset);
    }

    public Optional<Simulation> find(long id) {
        return jdbc.query(SELECT + " WHERE s.id = ?", this::row, id).stream().findFirst();
    }

    public List<Alert> alerts(long simulation, int limit, int offset) {
        return jdbc.queryForList("SELECT alert FROM simulation_alert WHERE simulation_id = ? ORDER BY alert_key LIMIT ? OFFSET ?",
                String.class, simulation, limit, offset).stream().map(text -> json.readValue(text, Alert.class)).toList();
    }

    /** @return false when there is no such simulation */
    public boolean delete(long id) {
        return jdbc.update("DELETE FROM simulation WHERE id = ?", id) == 1;
    }

    private static final String SELECT = """
            SELECT s.*, (SELECT count(*) FROM simulation_alert a WHERE a.simulation_id = s.id) AS alert_count FROM simulation s""";

    private Simulation row(ResultSet rs, int n) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        String sandbox = rs.getString("sandbox");
        String email = null;
        String webhook = null;
        if (sandbox != null) {
            Map<?, ?> values = json.readValue(sandbox, Map.class);
            email = blankToNull((String) values.get("email"));
            webhook = blankToNull((String) values.get("webhookUrl"));
        }
        return new Simulation(rs.getLong("id"), rs.getDate("simulated_date").toLocalDate(), rs.getString("organisation"),
                rs.getString("origin"), rs.getString("requested_by"), rs.getTimestamp("created_at").toInstant(),
                closed == null ? null : closed.toInstant(), email, webhook, rs.getLong("alert_count"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
