package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The notifier takes events from a real Kafka topic and records each once in real PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventIntakeIT {

    private static final String TOPIC = "it-notifier-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private Environment environment;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("notifier").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void aRedeliveredEventIsRecordedOnce() throws Exception {
        String systemId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        AiSystemRegistered registered = new AiSystemRegistered(systemId, "Rijkswaterstaat", "Dijkinspectie", "x", Phase.IN_USE, null, null, null, null, null, null, null, null);
        String message = json.writeValueAsString(new EventEnvelope(eventId, systemId, 0, 7, "AiSystemRegistered", Instant.now(),
                Map.of("actor", "test"), json.valueToTree(registered)));
        events.send(TOPIC, systemId, message);
        events.send(TOPIC, systemId, message);
        // a later message on the same partition (same key) proves both copies above were consumed before we look
        String marker = UUID.randomUUID().toString();
        events.send(TOPIC, systemId, json.writeValueAsString(new EventEnvelope(UUID.randomUUID().toString(), marker, 0, 8,
                "AiSystemRegistered", Instant.now(), Map.of(), json.valueToTree(
                        new AiSystemRegistered(marker, "Rijkswaterstaat", "Marker", "x", Phase.EXPERIMENT, null, null, null, null, null, null, null, null)))));
        awaitSeen(marker);

        JsonNode seen = awaitSeen(systemId);
        assertThat(seen.size()).isEqualTo(1);
        assertThat(seen.get(0).get("eventId").asString()).isEqualTo(eventId);
        assertThat(seen.get(0).get("organisation").asString()).isEqualTo("Rijkswaterstaat");
        assertThat(seen.get(0).get("type").asString()).isEqualTo("AiSystemRegistered");
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndProcessingGoesOn() throws Exception {
        String systemId = UUID.randomUUID().toString();
        events.send(TOPIC, systemId, "{not an envelope " + systemId);
        String marker = UUID.randomUUID().toString();
        events.send(TOPIC, systemId, json.writeValueAsString(new EventEnvelope(UUID.randomUUID().toString(), marker, 0, 9,
                "AiSystemRegistered", Instant.now(), Map.of(), json.valueToTree(
                        new AiSystemRegistered(marker, "Rijkswaterstaat", "After junk", "x", Phase.IN_USE, null, null, null, null, null, null,
                                null, null)))));
        awaitSeen(marker);
        try (TestTopicReader dlt = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".DLT")) {
            org.apache.kafka.clients.consumer.ConsumerRecord<String, String> letter = dlt.awaitRecords(
                    read -> read.stream().anyMatch(r -> systemId.equals(r.key())), Duration.ofSeconds(30)).stream()
                    .filter(r -> systemId.equals(r.key())).findFirst().orElseThrow();
            assertThat(letter.value()).isEqualTo("{not an envelope " + systemId);
            assertThat(new String(letter.headers().lastHeader("dlt-reason").value(),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("Not an event envelope");
            assertThat(new String(letter.headers().lastHeader("dlt-consumer").value(), java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo("notifier/notifier-intake");
        }
        // the same one dead-letter store as every service: listed for administrators with its position and reason
        JsonNode listed = json.readTree(get("/api/admin/record-dead-letters?consumer=notifier-intake&limit=1000").body());
        JsonNode mine = listed.valueStream().filter(l -> systemId.equals(l.path("messageKey").asString())).findFirst().orElseThrow();
        assertThat(mine.get("position").asString()).startsWith(TOPIC + "-");
        assertThat(mine.get("reason").asString()).startsWith("Not an event envelope");
    }

    @Test
    void badQueryParametersAreRefusedWith400() throws Exception {
        HttpResponse<String> response = get("/api/seen-events?limit=100000");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    private JsonNode awaitSeen(String systemId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode body = json.readTree(get("/api/seen-events?systemId=" + systemId).body());
            if (!body.isEmpty()) {
                return body;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Notifier did not record an event of " + systemId + " within 30 s");
    }

    private HttpResponse<String> get(String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
        return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
