package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.audit.BundleVerifier;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hash chain the log's sequencer keeps as events are committed, recomputed by the verify endpoint and, from an export, by the offline
 * audit tool; an event altered in the database afterwards is the first break for both.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditChainIT {

    private static final String SCHEMA = "command_audit_it";

    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties(SCHEMA).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-audit-events");
    }

    @Test
    void theChainCoversEveryEventAndAnAlteredEventIsTheFirstBreakOnlineAndOffline() throws Exception {
        for (int i = 0; i < 3; i++) {
            String id = json.readTree(post("/api/systems", """
                    {"organisation":"Rekenkamer test","name":"System %d","initialPhase":"IN_USE","effectiveDate":"2024-01-0%d"}"""
                    .formatted(i, i + 1)).body()).get("id").asString();
            assertThat(post("/api/systems/" + id + "/classification", """
                    {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"Benefits"}""")
                    .statusCode()).isEqualTo(200);
        }
        long events = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);

        ChainVerification intact = awaitIntegrated(events);
        assertThat(intact.intact()).isTrue();
        assertThat(intact.linksChecked()).isEqualTo(events);
        assertThat(intact.treeSize()).isEqualTo(events);
        assertThat(intact.pendingEvents()).isZero();
        assertThat(intact.firstBreak()).isNull();
        String export = get("/api/audit/chain/export");
        assertThat(export.lines().count()).isEqualTo(events);
        ChainVerification offline = new BundleVerifier().verify(new BufferedReader(new StringReader(export)));
        assertThat(offline.intact()).isTrue();
        assertThat(offline.headHash()).isEqualTo(intact.headHash());
        assertThat(offline.rootHash()).isEqualTo(intact.rootHash());

        // Someone with database access lowers a classification in place.
        String victim = jdbc.queryForObject("""
                SELECT eventidentifier FROM domainevententry WHERE payloadtype LIKE '%RiskClassified' ORDER BY globalindex LIMIT 1 OFFSET 1""",
                String.class);
        long position = jdbc.queryForObject("SELECT position FROM event_chain WHERE event_identifier = ?", Long.class, victim);
        byte[] original = jdbc.queryForObject("SELECT payload FROM domainevententry WHERE eventidentifier = ?", byte[].class, victim);
        jdbc.update("""
                UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"HIGH"', '"MINIMAL"'), 'UTF8')
                WHERE eventidentifier = ?""", victim);
        try {
            ChainVerification broken = verify();
            assertThat(broken.intact()).isFalse();
            assertThat(broken.firstBreak().eventIdentifier()).isEqualTo(victim);
            assertThat(broken.firstBreak().position()).isEqualTo(position);
            assertThat(broken.firstBreak().problem()).contains("content was changed");
            assertThat(broken.linksChecked()).isEqualTo(position - 1);
            ChainVerification brokenOffline = new BundleVerifier().verify(new BufferedReader(new StringReader(
                    get("/api/audit/chain/export"))));
            assertThat(brokenOffline.firstBreak()).isEqualTo(broken.firstBreak());
        } finally {
            jdbc.update("UPDATE domainevententry SET payload = ? WHERE eventidentifier = ?", original, victim);
        }
        assertThat(verify().intact()).isTrue();

        // Removing a link is found too.
        String removedEvent = jdbc.queryForObject("SELECT event_identifier FROM event_chain WHERE position = 2", String.class);
        byte[][] link = jdbc.queryForObject("SELECT previous_hash, hash FROM event_chain WHERE position = 2",
                (rs, n) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)});
        long globalIndex = jdbc.queryForObject("SELECT global_index FROM event_chain WHERE position = 2", Long.class);
        jdbc.update("DELETE FROM event_chain WHERE position = 2");
        try {
            ChainVerification gap = verify();
            assertThat(gap.intact()).isFalse();
            assertThat(gap.firstBreak().position()).isEqualTo(3);
            assertThat(gap.firstBreak().problem()).contains("link 2 is missing");
        } finally {
            jdbc.update("INSERT INTO event_chain (position, global_index, event_identifier, previous_hash, hash) VALUES (2, ?, ?, ?, ?)",
                    globalIndex, removedEvent, link[0], link[1]);
        }
        assertThat(verify().intact()).isTrue();
    }

    /** The sequencer integrates committed events soon after their commit: until then verify counts them as pending. */
    private ChainVerification awaitIntegrated(long events) throws Exception {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        ChainVerification verification = verify();
        while (verification.pendingEvents() > 0 || verification.linksChecked() < events) {
            assertThat(verification.intact()).as("a log not integrated yet is pending, not broken: %s", verification).isTrue();
            assertThat(System.nanoTime()).as("integrated within 30 s: %s", verification).isLessThan(deadline);
            Thread.sleep(50);
            verification = verify();
        }
        return verification;
    }

    private ChainVerification verify() throws Exception {
        return json.readValue(get("/api/audit/chain/verify"), ChainVerification.class);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json").header("X-Actor", "auditor-it")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
