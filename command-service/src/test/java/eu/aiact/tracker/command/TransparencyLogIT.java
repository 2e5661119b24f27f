package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.audit.VerifyBundle;
import eu.aiact.tracker.command.log.Sequencer;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The transparency log off the append's critical path, against real PostgreSQL: the sequencer integrates committed events in the order
 * of their global index, waits for a transaction that still holds a lower index, gives up an index whose transaction rolled back (which
 * can then never be committed), loses nothing when an integration fails half-way; and the audit tool checks consistency and inclusion
 * proofs fetched over HTTP against checkpoints an auditor kept.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransparencyLogIT {

    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JsonMapper json;
    @Autowired
    private Sequencer sequencer;

    @TempDir
    Path directory;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("command_log_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-log-events");
        registry.add("tracker.log.checkpoints-topic", () -> "it-command-log-checkpoints");
    }

    @Test
    void aTransactionStillHoldingALowerIndexIsWaitedForThenEverythingIsIntegratedInGlobalIndexOrder() throws Exception {
        register("Voor");
        awaitIntegrated();
        try (Connection open = dataSource.getConnection()) {
            open.setAutoCommit(false);
            long held = insertCopyOfAnEvent(open);
            String a = eventOf(register("Na de open transactie 1"));
            String b = eventOf(register("Na de open transactie 2"));
            Thread.sleep(2000); // longer than the gap's grace and one probe: the open transaction is still there
            ChainVerification waiting = verify();
            assertThat(waiting.intact()).as("waiting is not a break: %s", waiting).isTrue();
            assertThat(waiting.pendingEvents()).as("committed after the open transaction's index, not integrated yet").isGreaterThanOrEqualTo(2);
            assertThat(positionOf(a)).isEmpty();
            assertThat(positionOf(b)).isEmpty();

            open.commit();
            ChainVerification done = awaitIntegrated();
            assertThat(done.intact()).isTrue();
            List<Long> order = jdbc.queryForList("SELECT global_index FROM event_chain ORDER BY position", Long.class);
            assertThat(order).isSorted().contains(held);
            assertThat(positionOf(a).orElseThrow()).isLessThan(positionOf(b).orElseThrow());
        }
    }

    @Test
    void aRolledBackIndexIsGivenUpAndCanNeverBeCommittedAfterwards() throws Exception {
        register("Voor");
        long lost;
        try (Connection rolledBack = dataSource.getConnection()) {
            rolledBack.setAutoCommit(false);
            lost = insertCopyOfAnEvent(rolledBack);
            rolledBack.rollback();
        }
        String after = eventOf(register("Na de teruggedraaide transactie"));
        ChainVerification verification = awaitIntegrated();
        assertThat(verification.intact()).isTrue();
        assertThat(positionOf(after)).isPresent();
        assertThat(jdbc.queryForObject("SELECT rolled_back FROM event_index_claim WHERE global_index = ?", Boolean.class, lost)).isTrue();
        // a transaction that took the index and stalled past the sequencer's patience cannot commit it any more
        assertThatThrownBy(() -> jdbc.update("""
                INSERT INTO domainevententry (globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                    payloadrevision, payload, metadata)
                SELECT ?, 'late-' || gen_random_uuid(), 'late-' || gen_random_uuid(), 0, type, timestamp, payloadtype, payloadrevision,
                    payload, metadata FROM domainevententry LIMIT 1""", lost))
                .hasRootCauseInstanceOf(SQLException.class).rootCause().hasMessageContaining("given up as rolled back")
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
    }

    @Test
    void anIntegrationThatFailsHalfWayLosesNoEventAndDoublesNone() throws Exception {
        long size = awaitIntegrated().treeSize();
        // the next leaf's slot is taken: every integration transaction fails at its last step and rolls back
        jdbc.update("INSERT INTO merkle_node (level, idx, hash) VALUES (0, ?, ?)", size, new byte[32]);
        List<String> events = List.of(eventOf(register("Tijdens 1")), eventOf(register("Tijdens 2")), eventOf(register("Tijdens 3")));
        Thread.sleep(1500);
        ChainVerification stuck = verify();
        assertThat(stuck.intact()).isTrue();
        assertThat(stuck.treeSize()).isEqualTo(size);
        assertThat(stuck.pendingEvents()).isGreaterThanOrEqualTo(3);

        jdbc.update("DELETE FROM merkle_node WHERE level = 0 AND idx = ?", size);
        ChainVerification integrated = awaitIntegrated();
        assertThat(integrated.intact()).isTrue();
        assertThat(integrated.linksChecked()).isEqualTo(jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class));
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT event_identifier) = count(*) FROM event_chain", Boolean.class)).isTrue();
        events.forEach(event -> assertThat(positionOf(event)).as(event).isPresent());
    }

    @Test
    void theAuditToolChecksConsistencyAndInclusionProofsFromTheServerAgainstAKeptCheckpoint() throws Exception {
        String early = eventOf(register("Vroeg"));
        register("Ook vroeg");
        awaitIntegrated();
        Checkpoint signed = sequencer.checkpoint().orElseThrow();
        Path kept = directory.resolve("checkpoint.json");
        Files.writeString(kept, get("/api/audit/checkpoints/latest"));
        assertThat(json.readValue(kept.toFile(), Checkpoint.class)).isEqualTo(signed);
        Path key = directory.resolve("key.json");
        Files.writeString(key, get("/api/audit/key"));

        String late = eventOf(register("Laat"));
        awaitIntegrated();
        Checkpoint latest = sequencer.checkpoint().orElseThrow();
        assertThat(latest.treeSize()).isGreaterThan(signed.treeSize());
        assertThat(json.readTree(get("/api/audit/checkpoints/" + signed.treeSize())).get("rootHash").asString()).isEqualTo(signed.rootHash());
        JsonNode proof = json.readTree(get("/api/audit/proofs/consistency?from=" + signed.treeSize()));
        assertThat(proof.get("toSize").asLong()).isEqualTo(latest.treeSize());
        assertThat(proof.get("proof").size()).isLessThanOrEqualTo(2 * 64 - Long.numberOfLeadingZeros(latest.treeSize()));

        String server = "http://127.0.0.1:" + environment.getProperty("local.server.port");
        Tool consistent = tool("verify", "--key", key.toString(), "--checkpoint", kept.toString(), "--server", server,
                "--save-latest", directory.resolve("latest.json").toString());
        assertThat(consistent.code).as(consistent.out).isZero();
        assertThat(consistent.out).startsWith("CONSISTENT: the log's latest checkpoint of size " + latest.treeSize());
        assertThat(json.readValue(directory.resolve("latest.json").toFile(), Checkpoint.class)).isEqualTo(latest);

        Tool included = tool("inclusion", "--key", key.toString(), "--checkpoint", kept.toString(), "--event", early, "--server", server);
        assertThat(included.code).as(included.out).isZero();
        assertThat(included.out).startsWith("INCLUDED: event " + early);
        Tool notYet = tool("inclusion", "--key", key.toString(), "--checkpoint", kept.toString(), "--event", late, "--server", server);
        assertThat(notYet.code).isEqualTo(1);
        assertThat(notYet.out).contains("NOT INCLUDED").contains("after a tree of " + signed.treeSize());

        HttpResponse<String> bad = send("/api/audit/proofs/consistency?from=" + (latest.treeSize() + 1) + "&to=" + latest.treeSize());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"field\":\"from\"");
        assertThat(send("/api/audit/checkpoints/" + (latest.treeSize() + 1000)).statusCode()).isEqualTo(404);
        assertThat(send("/api/audit/proofs/inclusion?eventId=no-such-event").statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------------------------------------------------------- helpers

    /** An event written as an append writes it (a copy of a stored one under new ids), in the caller's open transaction. */
    private static long insertCopyOfAnEvent(Connection connection) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                    payloadrevision, payload, metadata)
                SELECT ?, ?, 0, type, timestamp, payloadtype, payloadrevision, payload, metadata FROM domainevententry
                WHERE payloadtype LIKE '%AiSystemRegistered' LIMIT 1
                RETURNING globalindex""")) {
            insert.setString(1, "copy-" + UUID.randomUUID());
            insert.setString(2, UUID.randomUUID().toString());
            try (ResultSet rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private ChainVerification awaitIntegrated() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            ChainVerification verification = verify();
            long stored = jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
            if (verification.pendingEvents() == 0 && verification.linksChecked() == stored) {
                return verification;
            }
            assertThat(System.nanoTime()).as("integrated within 30 s: %s", verification).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    private java.util.Optional<Long> positionOf(String eventIdentifier) {
        return jdbc.queryForList("SELECT position FROM event_chain WHERE event_identifier = ?", Long.class, eventIdentifier).stream()
                .findFirst();
    }

    private String eventOf(String systemId) {
        return jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber LIMIT 1",
                String.class, systemId);
    }

    private String register(String name) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/systems")).header("Content-Type", "application/json")
                .header("X-Actor", "log-it").POST(HttpRequest.BodyPublishers.ofString("""
                        {"organisation":"Rekenkamer test","name":"%s %s","initialPhase":"IN_USE"}""".formatted(name, UUID.randomUUID())))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private ChainVerification verify() throws Exception {
        return json.readValue(get("/api/audit/chain/verify"), ChainVerification.class);
    }

    private String get(String path) throws Exception {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    static Tool tool(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyBundle.run(args, new PrintStream(out), new PrintStream(out));
        return new Tool(code, out.toString(StandardCharsets.UTF_8));
    }

    record Tool(int code, String out) {
    }
}
