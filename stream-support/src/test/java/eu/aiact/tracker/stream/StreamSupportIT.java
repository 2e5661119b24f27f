package eu.aiact.tracker.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumer mechanism every service uses, on a real PostgreSQL and Kafka (issues 15 and 16): an unreadable record and a value the
 * database refuses are dead letters at once, a bug after three tries, and the records after them go on; the database away is retried
 * and nothing is skipped or doubled; copies are dropped by id; a partition that does not move while it has records is stuck in the
 * metrics and the health; administrators list, inspect, retry and discard dead letters; a rebuild replays the topic without new dead
 * letters.
 */
@SpringBootTest(classes = StreamTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StreamSupportIT {

    private static final String TOPIC = "it-stream-" + UUID.randomUUID();
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
    private static final JsonMapper json = JsonMapper.builder().build();
    private static String retriedByHand;

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private StreamTestApplication.TestHandler handler;
    @Autowired
    private StreamConsumers consumers;
    @Autowired
    private MeterRegistry meters;
    @Value("${local.server.port}")
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("stream_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.flyway.enabled", () -> "false");
        registry.add("spring.application.name", () -> "stream-it");
        registry.add("spring.kafka.consumer.group-id", () -> "stream-it-" + UUID.randomUUID());
        registry.add("spring.kafka.consumer.auto-offset-reset", () -> "earliest");
        registry.add("spring.kafka.consumer.enable-auto-commit", () -> "false");
        registry.add("tracker.security.enabled", () -> "false");
        registry.add("test.topic", () -> TOPIC);
        registry.add("tracker.stream.monitor-interval", () -> "PT0.5S");
        registry.add("tracker.stream.stuck-after", () -> "PT3S");
        registry.add("tracker.stream.permanent-backoff", () -> "PT0.05S");
        registry.add("tracker.stream.transient-backoff", () -> "PT0.1S");
        registry.add("tracker.stream.publish-interval", () -> "PT0.2S");
        registry.add("management.endpoints.web.exposure.include", () -> "health,metrics");
        registry.add("management.endpoint.health.show-details", () -> "always");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    @Order(1)
    void poisonIsDeadLetteredWithItsReasonAndPositionAndEverythingAfterItIsHandledOnceInOrder() throws Exception {
        String key = "k-" + UUID.randomUUID();
        String a = UUID.randomUUID().toString();
        events.send(TOPIC, key, a + "-1|ok");
        events.send(TOPIC, key, "no bar at all " + a);
        events.send(TOPIC, key, a + "-2|refuse");
        events.send(TOPIC, key, a + "-3|bug");
        events.send(TOPIC, key, a + "-4|transient:2");
        events.send(TOPIC, key, a + "-1|ok"); // a copy: dropped by id
        events.send(TOPIC, key, a + "-5|ok");

        await(() -> handled(a).size() == 3, "the good records handled");
        assertThat(handled(a)).containsExactly(a + "-1", a + "-4", a + "-5");
        await(() -> deadLetters(a).size() == 3, "three dead letters");
        List<Map<String, Object>> letters = deadLetters(a);
        assertThat(letters).extracting(l -> l.get("reason")).containsExactly("Not id|command: no bar at all " + a,
                "The database refused it (SQL state 22021): ERROR: invalid byte sequence for encoding \"UTF8\": 0x00",
                "java.lang.NullPointerException: recordedAt is null");
        assertThat(letters).extracting(l -> l.get("attempts")).as("unreadable and refused at once, a bug after three tries")
                .containsExactly(1, 1, 3);
        assertThat(handler.tries.get(a + "-4").get()).as("the database away: tried until it worked").isEqualTo(3);

        // copied to the dead-letter topic, with the reason and where the record was
        try (TestTopicReader dlt = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".DLT")) {
            List<ConsumerRecord<String, String>> copies = dlt.awaitRecords(read -> read.stream().filter(r -> key.equals(r.key())).count() == 3,
                    Duration.ofSeconds(30));
            ConsumerRecord<String, String> refused = copies.stream().filter(r -> r.value().equals(a + "-2|refuse")).findFirst().orElseThrow();
            assertThat(header(refused, "dlt-reason")).startsWith("The database refused it (SQL state 22021)");
            assertThat(header(refused, "dlt-origin")).startsWith(TOPIC + "-").endsWith("@2");
            assertThat(header(refused, "dlt-consumer")).isEqualTo("stream-it/test-handler");
        }
    }

    @Test
    @Order(2)
    void administratorsListInspectRetryAndDiscardDeadLetters() throws Exception {
        String a = UUID.randomUUID().toString();
        events.send(TOPIC, "k-" + a, a + "-1|refuse");
        events.send(TOPIC, "k-" + a, a + "-2|bug");
        await(() -> deadLetters(a).size() == 2, "two dead letters");

        JsonNode listed = json.readTree(get("/api/admin/dead-letters?consumer=test-handler&limit=1000").body());
        JsonNode refused = find(listed, a + "-1|refuse");
        JsonNode bug = find(listed, a + "-2|bug");
        assertThat(refused.get("status").asString()).isEqualTo("DEAD");
        assertThat(refused.get("position").asString()).startsWith(TOPIC + "-");
        long refusedId = refused.get("id").asLong();
        assertThat(json.readTree(get("/api/admin/dead-letters/" + refusedId).body()).get("reason").asString())
                .startsWith("The database refused it");

        HttpResponse<String> again = post("/api/admin/dead-letters/" + refusedId + "/retry", null);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(422);
        assertThat(json.readTree(again.body()).get("detail").asString()).contains("failed again").contains("SQL state 22021");

        handler.refuse = false; // the cause is fixed
        HttpResponse<String> retried = post("/api/admin/dead-letters/" + refusedId + "/retry", null);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(json.readTree(retried.body()).get("status").asString()).isEqualTo("RETRIED");
        assertThat(handled(a)).containsExactly(a + "-1");
        retriedByHand = a + "-1";
        assertThat(post("/api/admin/dead-letters/" + refusedId + "/retry", null).statusCode()).isEqualTo(409);

        long bugId = bug.get("id").asLong();
        HttpResponse<String> discarded = post("/api/admin/dead-letters/" + bugId + "/discard", "{\"note\":\"a test record\"}");
        assertThat(discarded.statusCode()).as(discarded.body()).isEqualTo(200);
        assertThat(json.readTree(discarded.body()).get("status").asString()).isEqualTo("DISCARDED");
        assertThat(json.readTree(discarded.body()).get("note").asString()).isEqualTo("a test record");
        assertThat(post("/api/admin/dead-letters/" + bugId + "/discard", null).statusCode()).isEqualTo(409);
        assertThat(post("/api/admin/dead-letters/987654321/discard", null).statusCode()).isEqualTo(404);
        assertThat(find(json.readTree(get("/api/admin/dead-letters?limit=1000").body()), a + "-2|bug")).as("waiting ones only").isNull();
        assertThat(find(json.readTree(get("/api/admin/dead-letters?status=ALL&limit=1000").body()), a + "-2|bug")).isNotNull();
        handler.refuse = true;
    }

    @Test
    @Order(3)
    void aPartitionThatDoesNotMoveWhileItHasRecordsIsReportedStuckInTheMetricsAndTheHealth() throws Exception {
        String a = UUID.randomUUID().toString();
        String key = "k-" + a;
        events.send(TOPIC, key, a + "-1|block");
        events.send(TOPIC, key, a + "-2|ok");
        assertThat(handler.blocked.await(30, TimeUnit.SECONDS)).isTrue();
        try {
            await(() -> health().path("components").path("streams").path("status").asString().equals("DOWN"), "stuck in the health");
            JsonNode streams = health().get("components").get("streams");
            assertThat(streams.get("details").get("stuck").get(0).asString()).startsWith("test-handler: " + TOPIC + "-");
            JsonNode stuck = streams.get("details").get("test-handler").get("partitions").valueStream()
                    .filter(p -> p.get("stuck").asBoolean()).findFirst().orElseThrow();
            assertThat(stuck.get("lag").asLong()).isGreaterThanOrEqualTo(2);
            assertThat(stuck.get("oldestUnprocessedAgeSeconds").asDouble()).isGreaterThan(1.0);
            String partition = String.valueOf(stuck.get("partition").asInt());
            assertThat(meters.get("tracker.stream.stuck").tag("consumer", "test-handler").tag("partition", partition).gauge().value())
                    .isEqualTo(1.0);
            assertThat(meters.get("tracker.stream.lag").tag("consumer", "test-handler").tag("partition", partition).gauge().value())
                    .isGreaterThanOrEqualTo(2.0);
            assertThat(meters.get("tracker.stream.oldest.age").tag("consumer", "test-handler").tag("partition", partition).gauge().value())
                    .isGreaterThan(1.0);
        } finally {
            handler.release.countDown();
        }
        await(() -> handled(a).size() == 2, "handled once released");
        await(() -> health().path("components").path("streams").path("status").asString().equals("UP"), "moving again");
        assertThat(meters.get("tracker.stream.lag").tag("consumer", "test-handler").gauges()).allMatch(g -> g.value() == 0.0);
    }

    @Test
    @Order(4)
    void aRebuildReplaysTheTopicIntoTheSameStateWithProgressAndNoNewDeadLetters() throws Exception {
        String a = UUID.randomUUID().toString();
        events.send(TOPIC, "k-" + a, a + "-1|ok");
        await(() -> handled(a).size() == 1, "handled");
        List<String> before = jdbc.queryForList("SELECT id FROM stream_it_handled ORDER BY id", String.class);
        long deadBefore = jdbc.queryForObject("SELECT count(*) FROM stream_dead_letter", Long.class);

        StreamConsumer<?> consumer = consumers.get("test-handler");
        handler.finishMillis = 1_500;
        try {
            consumer.rebuild();
            assertThat(consumer.progress().status().running()).isTrue();
            await(() -> !consumer.progress().status().running(), "the rebuild finished");
        } finally {
            handler.finishMillis = 0;
        }
        assertThat(handler.resets.get()).isEqualTo(1);
        RebuildProgress.Status status = consumer.progress().status();
        assertThat(status.eventsDone()).isGreaterThanOrEqualTo(status.eventsTotal()).isPositive();
        // the rebuild's time (and so its rate) includes finishing it: the handler took 1.5 s there
        assertThat(Duration.between(status.startedAt(), status.finishedAt())).isGreaterThanOrEqualTo(Duration.ofMillis(1_500));
        assertThat(status.eventsPerSecond()).isLessThanOrEqualTo(status.eventsDone() / 1.5 + 0.1); // the rate is rounded to 0.1
        List<String> after = jdbc.queryForList("SELECT id FROM stream_it_handled ORDER BY id", String.class);
        // every record handled before is handled again, once; the one retried by hand is a dead letter again (not a new one)
        assertThat(after).containsExactlyInAnyOrderElementsOf(before.stream().filter(id -> !id.equals(retriedByHand)).toList());
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stream_dead_letter", Long.class)).isEqualTo(deadBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stream_rebuild WHERE status <> 'DONE'", Long.class))
                .as("no rebuild left requested or replaying").isZero();
    }

    private List<String> handled(String prefix) {
        return jdbc.queryForList("SELECT id FROM stream_it_handled WHERE id LIKE ? ORDER BY seq", String.class, prefix + "%");
    }

    private List<Map<String, Object>> deadLetters(String marker) {
        return jdbc.queryForList("SELECT reason, attempts, status FROM stream_dead_letter WHERE convert_from(value, 'UTF8') LIKE ? "
                + "ORDER BY \"offset\"", "%" + marker + "%");
    }

    private static JsonNode find(JsonNode list, String value) {
        return list.valueStream().filter(l -> value.equals(l.path("value").asString())).findFirst().orElse(null);
    }

    private JsonNode health() {
        try {
            return json.readTree(get("/actuator/health").body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return http.send(request.POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within 60 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
