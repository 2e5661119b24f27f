package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.envelope.EventEnvelope;
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
 * Whoever can write to the events topic cannot make the query service project an event the command service did not store: an unsigned
 * envelope, one signed with another key, and a genuine one altered on the way are each refused and dead-lettered with the reason, and
 * the genuine events around them are projected.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ForgedEnvelopeIT {

    private static final String TOPIC = "it-query-forged-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query_forged").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.rulebooks.applier.enabled", () -> "false");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @BeforeEach
    void api(@Value("${local.server.port}") int port) {
        api = new QueryApi(port, TOPIC, events, json);
    }

    @Test
    void forgedAndAlteredEnvelopesAreDeadLetteredWhileGenuineEventsAreProjected() throws Exception {
        String marker = UUID.randomUUID().toString().substring(0, 8);
        String before = UUID.randomUUID().toString();
        String unsigned = UUID.randomUUID().toString();
        String otherKey = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();

        events.send(TOPIC, before, json.writeValueAsString(registration(before, "Echt " + marker)));
        // an outsider with access to the broker: no signature, its own key, and a genuine event of the command service altered
        events.sendAsIs(TOPIC, unsigned, json.writeValueAsString(registration(unsigned, "Zonder handtekening " + marker)));
        EnvelopeSigner forger = new EnvelopeSigner(new SigningKey(SigningKeys.generate()));
        events.sendAsIs(TOPIC, otherKey, json.writeValueAsString(forger.sign(registration(otherKey, "Eigen sleutel " + marker))));
        ObjectNode altered = (ObjectNode) json.valueToTree(TestSigningKeys.sign(classification(before, "HIGH")));
        ((ObjectNode) altered.get("payload")).put("riskClass", "MINIMAL");
        events.sendAsIs(TOPIC, before, json.writeValueAsString(altered));
        events.send(TOPIC, after, json.writeValueAsString(registration(after, "Ook echt " + marker)));

        api.awaitJson("/api/systems/" + after, body -> body.has("id"));
        JsonNode genuine = api.awaitJson("/api/systems/" + before, body -> body.has("id"));
        assertThat(genuine.get("name").asString()).isEqualTo("Echt " + marker);
        assertThat(genuine.path("riskClass").asString()).as("the altered classification was not projected").isNotEqualTo("MINIMAL");
        assertThat(api.get("/api/systems/" + unsigned).statusCode()).isEqualTo(404);
        assertThat(api.get("/api/systems/" + otherKey).statusCode()).isEqualTo(404);

        List<String> keys = List.of(unsigned, otherKey, before);
        JsonNode letters = api.awaitJson("/api/admin/dead-letters?limit=1000",
                body -> body.valueStream().filter(letter -> keys.contains(letter.get("messageKey").asString())).count() >= 3);
        List<String> reasons = letters.valueStream().filter(letter -> keys.contains(letter.get("messageKey").asString()))
                .map(letter -> letter.get("reason").asString()).toList();
        assertThat(reasons).hasSize(3)
                .anyMatch(reason -> reason.contains(unsigned) && reason.contains("it is not signed"))
                .anyMatch(reason -> reason.contains("which this consumer does not trust"))
                .anyMatch(reason -> reason.contains("altered or forged"));
        assertThat(reasons).allMatch(reason -> reason.contains("refused"));
        try (TestTopicReader dlt = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".DLT")) {
            List<ConsumerRecord<String, String>> copies = dlt.awaitRecords(read -> read.stream().filter(r -> keys.contains(r.key())).count() == 3,
                    Duration.ofSeconds(30));
            assertThat(copies.stream().filter(r -> keys.contains(r.key()))
                    .map(r -> new String(r.headers().lastHeader("dlt-reason").value(), StandardCharsets.UTF_8)))
                    .containsExactlyInAnyOrderElementsOf(reasons);
        }
    }

    private EventEnvelope registration(String id, String name) {
        return new EventEnvelope(UUID.randomUUID().toString(), id, 0, -1, "AiSystemRegistered", Instant.now(),
                Map.of("actor", "test", "organisation", "Gemeente Utrecht"), json.readTree("""
                        {"systemId":"%s","organisation":"Gemeente Utrecht","name":"%s","phase":"IN_USE"}""".formatted(id, name)));
    }

    private EventEnvelope classification(String id, String riskClass) {
        return new EventEnvelope(UUID.randomUUID().toString(), id, 1, -1, "RiskClassified", Instant.now(),
                Map.of("actor", "test", "organisation", "Gemeente Utrecht"), json.readTree("""
                        {"systemId":"%s","effectiveDate":"2024-01-01","riskClass":"%s","bases":[{"kind":"ANNEX_III_AREA",
                         "reference":"III.5(a)"}],"rationale":"benefits","previousRiskClass":"UNKNOWN"}""".formatted(id, riskClass)));
    }
}
