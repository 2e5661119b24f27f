package eu.aiact.tracker.notifier.recipients;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The recipients table, one row per organisation; webhook secrets encrypted ({@link WebhookSecrets}). */
@Repository
public class RecipientsRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final WebhookSecrets secrets;

    public RecipientsRepository(JdbcTemplate jdbc, JsonMapper json, WebhookSecrets secrets) {
        this.jdbc = jdbc;
        this.json = json;
        this.secrets = secrets;
    }

    public void save(Recipients recipients, Instant now) {
        jdbc.update("""
                INSERT INTO recipients (organisation, cio_office, reviewers, webhook_url, webhook_secret, digest, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (organisation) DO UPDATE SET cio_office = EXCLUDED.cio_office, reviewers = EXCLUDED.reviewers,
                    webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret, digest = EXCLUDED.digest,
                    updated_at = EXCLUDED.updated_at""",
                recipients.organisation(), recipients.cioOffice(), json.writeValueAsString(recipients.reviewers()),
                recipients.webhookUrl(), secrets.seal(recipients.organisation(), recipients.webhookSecret()), recipients.digest(),
                Timestamp.from(now));
    }

    public Optional<Recipients> find(String organisation) {
        return jdbc.query("SELECT * FROM recipients WHERE organisation = ?", this::row, organisation).stream().findFirst();
    }

    /** Every organisation's recipients, by organisation. */
    public Map<String, Recipients> all() {
        Map<String, Recipients> all = new HashMap<>();
        for (Recipients recipients : jdbc.query("SELECT * FROM recipients", this::row)) {
            all.put(recipients.organisation(), recipients);
        }
        return all;
    }

    private Recipients row(ResultSet rs, int n) throws SQLException {
        return new Recipients(rs.getString("organisation"), rs.getString("cio_office"), json.readValue(rs.getString("reviewers"), STRINGS),
                rs.getString("webhook_url"), secrets.open(rs.getString("organisation"), rs.getString("webhook_secret")),
                rs.getBoolean("digest"));
    }
}
