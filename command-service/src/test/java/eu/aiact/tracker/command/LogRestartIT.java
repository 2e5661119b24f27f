package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.envelope.EnvelopeAuthenticity;
import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.command.TransparencyLogIT.Tool;
import eu.aiact.tracker.command.log.Sequencer;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestSigningKeys;
import eu.aiact.tracker.infra.TestTopicReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service stopped and started again on the same database, as a crash and a restart do: events committed while no sequencer
 * integrated them are integrated at the next start, none lost; and a rewrite by someone with database access, who changes an event and
 * recomputes in SQL every hash the database holds (the chain, the tree) and drops the checkpoints that would betray it, is caught from a
 * checkpoint an auditor kept from before: from an export, and, once the restarted service signs the rewritten log, from proofs over HTTP,
 * both with the first position that differs.
 */
class LogRestartIT {

    private static final String SCHEMA = "command_restart_it";
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void eventsCommittedWithoutIntegrationAreIntegratedAtTheNextStartAndARewriteIsCaughtFromAKeptCheckpoint() throws Exception {
        List<String> systems = new ArrayList<>();
        try (App crashed = App.start(false)) {
            for (int i = 0; i < 6; i++) {
                systems.add(crashed.register("Voor de crash " + i));
                crashed.post("/api/systems/" + systems.get(i) + "/classification", """
                        {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"Benefits"}""");
            }
            ChainVerification notIntegrated = crashed.verify();
            assertThat(notIntegrated.intact()).isTrue();
            assertThat(notIntegrated.pendingEvents()).isEqualTo(12);
            assertThat(notIntegrated.treeSize()).isZero();
        } // stopped before any integration: the events are committed, the log has none of them

        Path key = directory.resolve("signing-key.json");
        Path checkpointFile = directory.resolve("checkpoint.json");
        Path keptExport = directory.resolve("kept.jsonl");
        Checkpoint kept;
        long rewritten;
        String victim;
        try (App restarted = App.start(true)) {
            ChainVerification integrated = restarted.awaitIntegrated(12);
            assertThat(integrated.intact()).isTrue();
            assertThat(integrated.linksChecked()).isEqualTo(12);
            assertThat(restarted.jdbc().queryForObject("SELECT count(DISTINCT event_identifier) FROM event_chain", Long.class)).isEqualTo(12);

            // an auditor keeps the key, the signed checkpoint and, to find changes later, the export of that moment
            kept = restarted.context.getBean(Sequencer.class).checkpoint().orElseThrow();
            Files.writeString(key, restarted.get("/api/audit/key"));
            Files.writeString(checkpointFile, restarted.get("/api/audit/checkpoints/latest"));
            Files.writeString(keptExport, restarted.get("/api/audit/chain/export"));
            assertThat(kept.treeSize()).isEqualTo(12);

            // someone with database access lowers a classification and recomputes every hash after it, and removes the checkpoints
            JdbcTemplate jdbc = restarted.jdbc();
            victim = jdbc.queryForObject("""
                    SELECT c.event_identifier FROM event_chain c JOIN domainevententry d ON d.eventidentifier = c.event_identifier
                    WHERE d.payloadtype LIKE '%RiskClassified' ORDER BY c.position LIMIT 1 OFFSET 2""", String.class);
            rewritten = jdbc.queryForObject("SELECT position FROM event_chain WHERE event_identifier = ?", Long.class, victim);
            rewriteAsADbaWould(jdbc, victim, rewritten);
            String now = directory.resolve("now.jsonl").toString();
            Files.writeString(Path.of(now), restarted.get("/api/audit/chain/export"));
            assertThat(TransparencyLogIT.tool("chain", now).code()).as("the chain recomputed in SQL is consistent in itself").isZero();

            Tool fromExport = TransparencyLogIT.tool("verify", "--key", key.toString(), "--checkpoint", checkpointFile.toString(), "--kept",
                    keptExport.toString(), now);
            assertThat(fromExport.code()).as(fromExport.out()).isEqualTo(1);
            assertThat(fromExport.out()).contains("no longer extends the checkpoint of size 12")
                    .contains("first position that differs: " + rewritten + " (event " + victim);
            // while it runs, the service remembers the checkpoint it signed, whose row is gone
            ChainVerification remembered = restarted.verify();
            assertThat(remembered.intact()).isFalse();
            assertThat(remembered.firstBreak().problem()).contains("no longer extends the checkpoint of size 12");
        }

        try (App again = App.start(true)) {
            // after a restart the database alone no longer tells: what it holds is consistent with itself
            assertThat(again.awaitIntegrated(12).intact()).isTrue();
            again.register("Na de herschrijving");
            again.awaitIntegrated(13);
            Checkpoint resigned = again.context.getBean(Sequencer.class).checkpoint().orElseThrow();
            assertThat(resigned.treeSize()).isEqualTo(13);

            Tool overHttp = TransparencyLogIT.tool("verify", "--key", key.toString(), "--checkpoint", checkpointFile.toString(),
                    "--server", again.url());
            assertThat(overHttp.code()).as(overHttp.out()).isEqualTo(1);
            assertThat(overHttp.out()).contains("BROKEN: the log no longer extends the kept checkpoint of size 12")
                    .contains("between positions 1 and 12");
            Tool exact = TransparencyLogIT.tool("verify", "--key", key.toString(), "--checkpoint", checkpointFile.toString(), "--kept",
                    keptExport.toString(), "--server", again.url());
            assertThat(exact.out()).contains("first position that differs: " + rewritten + " (event " + victim);
            Tool changed = TransparencyLogIT.tool("inclusion", "--key", key.toString(), "--checkpoint", checkpointFile.toString(),
                    "--event", victim, "--server", again.url());
            assertThat(changed.code()).isEqualTo(1);
            assertThat(changed.out()).contains("NOT INCLUDED").contains("changed after the checkpoint was signed");
        }
    }

    /**
     * A database from before the transparency log (migrations up to V3: the trigger chained every append), with the publisher's
     * position stored, taken over by this version: the events chained by the trigger become the Merkle tree's first leaves, new events
     * are integrated after them, and every stored event is published again, signed (V4).
     */
    @Test
    void aLogChainedByTheOldTriggerIsTakenOverAtTheUpgradeAndRepublishedSigned() throws Exception {
        String schema = "command_upgrade_it";
        String topic = "it-command-upgrade-events";
        List<String> before = new ArrayList<>();
        List<String> eventIds;
        try (App old = App.start(schema, topic, true, "--spring.flyway.target=3")) {
            for (int i = 0; i < 4; i++) {
                before.add(old.register("Voor de upgrade " + i));
            }
            JdbcTemplate jdbc = old.jdbc();
            assertThat(jdbc.queryForObject("SELECT count(*) FROM event_chain", Long.class)).as("chained by the V3 trigger").isEqualTo(4);
            awaitPublished(topic, seen -> seen.size() >= 4);
        }
        try (App upgraded = App.start(schema, topic, true)) {
            assertThat(upgraded.awaitIntegrated(4).intact()).isTrue();
            upgraded.register("Na de upgrade");
            ChainVerification verification = upgraded.awaitIntegrated(5);
            assertThat(verification.intact()).as("%s", verification).isTrue();
            assertThat(verification.treeSize()).isEqualTo(5);
            assertThat(upgraded.jdbc().queryForObject("SELECT count(*) FROM merkle_node WHERE level = 0", Long.class)).isEqualTo(5);
            // the events published before the upgrade are on the topic again, signed: each of the first four at least twice
            eventIds = upgraded.jdbc().queryForList("""
                    SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier IN (?, ?, ?, ?)""", String.class,
                    before.toArray());
            assertThat(eventIds).hasSize(4);
            awaitPublished(topic, seen -> seen.size() >= 5 && eventIds.stream().allMatch(id -> seen.getOrDefault(id, 0L) >= 2));
        }
        // tracker.publisher.replay-on-start publishes the whole store again, and the publisher goes on afterwards
        try (App replaying = App.start(schema, topic, true, "--tracker.publisher.replay-on-start=true")) {
            String after = replaying.register("Na het opnieuw publiceren");
            String event = replaying.jdbc().queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?",
                    String.class, after);
            List<String> all = replaying.jdbc().queryForList("SELECT eventidentifier FROM domainevententry", String.class);
            awaitPublished(topic, seen -> seen.containsKey(event) && all.stream().filter(id -> !id.equals(event))
                    .allMatch(id -> seen.getOrDefault(id, 0L) >= 2) && eventIds.stream().allMatch(id -> seen.getOrDefault(id, 0L) >= 3));
        }
    }

    /** Reads the whole topic, verifying every envelope as consumers do, until the copies seen per event id satisfy {@code done}. */
    private Map<String, Long> awaitPublished(String topic, java.util.function.Predicate<Map<String, Long>> done) {
        EnvelopeCodec codec = new EnvelopeCodec(json, EnvelopeAuthenticity.fromConfiguration(List.of(TestSigningKeys.publicKey()), false));
        Map<String, Long> seen = new LinkedHashMap<>();
        try (TestTopicReader reader = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), topic)) {
            reader.awaitRecords(records -> {
                seen.clear();
                records.forEach(r -> seen.merge(codec.read(r.value()).eventId(), 1L, Long::sum));
                return done.test(seen);
            }, Duration.ofSeconds(120));
        }
        return seen;
    }

    /** Everything a DBA can recompute in SQL: the event's bytes, every later chain link, the leaf and the inner nodes above it. */
    private static void rewriteAsADbaWould(JdbcTemplate jdbc, String victim, long position) {
        jdbc.update("""
                UPDATE domainevententry SET payload = convert_to(replace(convert_from(payload, 'UTF8'), '"HIGH"', '"MINIMAL"'), 'UTF8')
                WHERE eventidentifier = ?""", victim);
        jdbc.execute("""
                DO $$
                DECLARE
                    k    BIGINT := %d;
                    p    BIGINT;
                    e    domainevententry;
                    prev BYTEA;
                    cur  BYTEA;
                    lvl  INT := 1;
                    i    BIGINT := (%d - 1) / 2;
                BEGIN
                    SELECT previous_hash INTO prev FROM event_chain WHERE position = k;
                    FOR p IN k .. (SELECT max(position) FROM event_chain) LOOP
                        SELECT d.* INTO e FROM event_chain c JOIN domainevententry d ON d.eventidentifier = c.event_identifier
                        WHERE c.position = p;
                        cur := sha256(prev || chain_content(e));
                        UPDATE event_chain SET previous_hash = prev, hash = cur WHERE position = p;
                        IF p = k THEN
                            UPDATE merkle_node SET hash = sha256('\\x00'::bytea || chain_content(e)) WHERE level = 0 AND idx = k - 1;
                        END IF;
                        prev := cur;
                    END LOOP;
                    WHILE EXISTS (SELECT 1 FROM merkle_node WHERE level = lvl AND idx = i) LOOP
                        UPDATE merkle_node SET hash = sha256('\\x01'::bytea
                                || (SELECT hash FROM merkle_node WHERE level = lvl - 1 AND idx = 2 * i)
                                || (SELECT hash FROM merkle_node WHERE level = lvl - 1 AND idx = 2 * i + 1))
                        WHERE level = lvl AND idx = i;
                        lvl := lvl + 1;
                        i := i / 2;
                    END LOOP;
                    DELETE FROM log_checkpoint WHERE tree_size >= k;
                END
                $$""".formatted(position, position));
    }

    /** One run of the command service on this test's schema. */
    private static final class App implements AutoCloseable {
        private final ConfigurableApplicationContext context;
        private final HttpClient http = HttpClient.newHttpClient();
        private final JsonMapper json = JsonMapper.builder().build();

        private App(ConfigurableApplicationContext context) {
            this.context = context;
        }

        static App start(boolean sequencer) {
            return start(SCHEMA, "it-command-restart-events", sequencer);
        }

        static App start(String schema, String topic, boolean sequencer, String... extra) {
            Map<String, Object> properties = new LinkedHashMap<>(TestInfrastructure.get().springProperties(schema));
            properties.put("server.port", "0");
            properties.put("tracker.publisher.topic", topic);
            properties.put("tracker.log.checkpoints-topic", topic + "-checkpoints");
            properties.put("tracker.log.sequencer-enabled", String.valueOf(sequencer));
            List<String> arguments = new ArrayList<>(properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toList());
            arguments.addAll(List.of(extra));
            return new App(new SpringApplicationBuilder(CommandServiceApplication.class).run(arguments.toArray(String[]::new)));
        }

        String url() {
            return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        }

        JdbcTemplate jdbc() {
            return context.getBean(JdbcTemplate.class);
        }

        String register(String name) throws Exception {
            HttpResponse<String> response = post("/api/systems", """
                    {"organisation":"Rekenkamer test","name":"%s %s","initialPhase":"IN_USE"}""".formatted(name, UUID.randomUUID()));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
            return json.readTree(response.body()).get("id").asString();
        }

        HttpResponse<String> post(String path, String body) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path)).header("Content-Type", "application/json")
                    .header("X-Actor", "restart-it").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isBetween(200, 201);
            return response;
        }

        String get(String path) throws Exception {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url() + path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }

        ChainVerification verify() throws Exception {
            return json.readValue(get("/api/audit/chain/verify"), ChainVerification.class);
        }

        ChainVerification awaitIntegrated(long events) throws Exception {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (true) {
                ChainVerification verification = verify();
                if (verification.pendingEvents() == 0 && verification.linksChecked() >= events) {
                    return verification;
                }
                assertThat(System.nanoTime()).as("integrated within 60 s: %s", verification).isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
