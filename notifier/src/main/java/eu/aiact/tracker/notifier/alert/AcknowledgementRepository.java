package eu.aiact.tracker.notifier.alert;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** The acknowledgement table: acknowledgements of alerts, looked up by the obligation (system and code) they are about. */
@Repository
public class AcknowledgementRepository {

    private final JdbcTemplate jdbc;

    public AcknowledgementRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Acknowledgement add(Alert alert, String by, Instant at, String note, String owner) {
        long id = jdbc.queryForObject("""
                INSERT INTO acknowledgement (alert_key, organisation, system_id, code, acknowledged_by, acknowledged_at, note, owner)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id""", Long.class, alert.key(), alert.organisation(), alert.systemId(),
                alert.code(), by, Timestamp.from(at), note, owner);
        return new Acknowledgement(id, alert.key(), alert.organisation(), alert.systemId(), alert.code(), by, at, note, owner);
    }

    /** The acknowledgements of one alert, oldest first. */
    public List<Acknowledgement> ofAlert(String alertKey) {
        return jdbc.query("SELECT * FROM acknowledgement WHERE alert_key = ? ORDER BY acknowledged_at, id", AcknowledgementRepository::row,
                alertKey);
    }

    /**
     * The alerts, each with the latest acknowledgement of its obligation (the same system and obligation code, or for an alert without
     * a code the same system's alerts without one), when there is one.
     */
    public List<Alert> attachLatest(List<Alert> alerts) {
        List<String> systems = alerts.stream().map(Alert::systemId).filter(Objects::nonNull).distinct().toList();
        if (systems.isEmpty()) {
            return alerts;
        }
        Map<List<String>, Acknowledgement> latest = new HashMap<>();
        jdbc.query("""
                SELECT DISTINCT ON (system_id, code) * FROM acknowledgement WHERE system_id = ANY(?::varchar[])
                ORDER BY system_id, code, acknowledged_at DESC, id DESC""", rs -> {
            Acknowledgement acknowledgement = row(rs, 0);
            latest.put(java.util.Arrays.asList(acknowledgement.systemId(), acknowledgement.code()), acknowledgement);
        }, new SqlArrayValue("varchar", systems.toArray()));
        if (latest.isEmpty()) {
            return alerts;
        }
        List<Alert> attached = new ArrayList<>(alerts.size());
        for (Alert alert : alerts) {
            Acknowledgement acknowledgement = alert.systemId() == null ? null
                    : latest.get(java.util.Arrays.asList(alert.systemId(), alert.code()));
            attached.add(acknowledgement == null ? alert : alert.withAcknowledgement(acknowledgement));
        }
        return attached;
    }

    private static Acknowledgement row(ResultSet rs, int n) throws SQLException {
        return new Acknowledgement(rs.getLong("id"), rs.getString("alert_key"), rs.getString("organisation"), rs.getString("system_id"),
                rs.getString("code"), rs.getString("acknowledged_by"), rs.getTimestamp("acknowledged_at").toInstant(), rs.getString("note"),
                rs.getString("owner"));
    }
}
