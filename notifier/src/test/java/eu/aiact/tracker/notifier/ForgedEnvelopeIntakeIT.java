package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.envelope.UnauthenticatedEventException;
import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestSigningKeys;
import eu.aiact.tracker.infra.TestTopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The notifier's event intake takes only envelopes the command service signed: an unsigned one, one signed with another key and an altered
 * genuine one go to the dead-letter topic with the reason, and the genuine event after them is recorded.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForgedEnvelopeIntakeIT {

    private static final String TOPIC = "it-notifier-forged-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private Environment environment;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("notifier_forged").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void forgedAndAlteredEnvelopesAreDeadLetteredAndTheGenuineEventAfterThemIsRecorded() throws Exception {
        String unsigned = UUID.randomUUID().toString();
        String otherKey = UUID.randomUUID().toString();
        String altered = UUID.randomUUID().toString();
        String genuine = UUID.randomUUID().toString();
        String key = UUID.randomUUID().toString(); // one partition for all, so the genuine one comes after the others
        events.sendAsIs(TOPIC, key, json.writeValueAsString(registration(unsigned)));
        events.sendAsIs(TOPIC, key, json.writeValueAsString(new EnvelopeSigner(new SigningKey(SigningKeys.generate()))
                .sign(registration(otherKey))));
        ObjectNode changed = (ObjectNode) json.valueToTree(TestSigningKeys.sign(registration(altered)));
        ((ObjectNode) changed.get("payload")).put("organisation", "Een andere organisatie");
        events.sendAsIs(TOPIC, key, json.writeValueAsString(changed));
        events.send(TOPIC, key, json.writeValueAsString(registration(genuine)));

        awaitSeen(genuine);
        for (String forged : List.of(unsigned, otherKey, altered)) {
            assertThat(json.readTree(get("/api/seen-events?systemId=" + forged).body())).as(forged).isEmpty();
        }
        JsonNode letters = awaitLetters(key, 3);
        List<String> reasons = letters.valueStream().map(letter -> letter.get("reason").asString()).toList();
        assertThat(letters.valueStream().map(letter -> letter.get("failure").asString()))
                .containsOnly(UnauthenticatedEventException.class.getName());
        assertThat(reasons).anyMatch(m -> m.contains(unsigned) && m.contains("it is not signed"))
                .anyMatch(m -> m.contains(otherKey) && m.contains("does not trust"))
                .anyMatch(m -> m.contains(altered) && m.contains("altered or forged"));
        try (TestTopicReader dlt = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".DLT")) {
            List<ConsumerRecord<String, String>> copies = dlt.awaitRecords(read -> read.stream().filter(r -> key.equals(r.key())).count() == 3,
                    Duration.ofSeconds(60)).stream().filter(r -> key.equals(r.key())).toList();
            assertThat(copies).extracting(r -> header(r, "dlt-reason")).containsExactlyInAnyOrderElementsOf(reasons);
        }
    }

    /** The records the notifier's consumers could not process, of one key (its admin endpoint; security is off in these tests). */
    private JsonNode awaitLetters(String key, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get("/api/admin/record-dead-letters?limit=1000");
            if (response.statusCode() == 200) {
                List<JsonNode> mine = json.readTree(response.body()).valueStream().filter(l -> key.equals(l.path("messageKey").asString()))
                        .toList();
                if (mine.size() >= count) {
                    return json.valueToTree(mine);
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no " + count + " dead letters of " + key + " within 60 s");
    }

    private EventEnvelope registration(String systemId) {
        return new EventEnvelope(UUID.randomUUID().toString(), systemId, 0, -1, "AiSystemRegistered", Instant.now(), Map.of("actor", "test"),
                json.readTree("""
                        {"systemId":"%s","organisation":"Rijkswaterstaat","name":"Dijkinspectie","phase":"IN_USE"}""".formatted(systemId)));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode awaitSeen(String systemId) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode body = json.readTree(get("/api/seen-events?systemId=" + systemId).body());
            if (!body.isEmpty()) {
                return body;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("event of " + systemId + " not recorded within 60 s");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
