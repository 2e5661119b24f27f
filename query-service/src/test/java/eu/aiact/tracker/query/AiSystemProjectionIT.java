package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query service fed from a real Kafka topic into real PostgreSQL, read back through its REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AiSystemProjectionIT {

    private static final String TOPIC = "it-query-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private Environment environment;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @Test
    void registeredSystemsAreServedOneByOneAndPerOrganisationAndDuplicatesChangeNothing() throws Exception {
        String organisation = "Org " + UUID.randomUUID();
        String first = publishRegistration(organisation, "Alpha", Phase.EXPERIMENT, true);
        String second = publishRegistration(organisation, "Beta", Phase.IN_USE, false);
        publishRegistration("Other " + UUID.randomUUID(), "Gamma", Phase.IN_USE, false);

        JsonNode list = awaitJson("/api/systems?organisation=" + organisation.replace(" ", "%20"), body -> body.size() == 2);
        assertThat(list.get(0).get("name").asString()).isEqualTo("Alpha");
        assertThat(list.get(1).get("name").asString()).isEqualTo("Beta");
        assertThat(list.get(1).get("id").asString()).isEqualTo(second);

        JsonNode one = awaitJson("/api/systems/" + first, body -> body.has("id"));
        assertThat(one.get("organisation").asString()).isEqualTo(organisation);
        assertThat(one.get("phase").asString()).isEqualTo("EXPERIMENT");
        assertThat(one.get("description").asString()).isEqualTo("About Alpha");
    }

    @Test
    void anUnknownSystemIsA404ProblemAndBadParametersAre400() throws Exception {
        HttpResponse<String> missing = get("/api/systems/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(get("/api/systems?limit=0").statusCode()).isEqualTo(400);
        assertThat(get("/api/systems?limit=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void aRebuildReplaysTheTopicIntoTheSameProjection() throws Exception {
        String organisation = "Rebuild " + UUID.randomUUID();
        publishRegistration(organisation, "One", Phase.IN_USE, false);
        publishRegistration(organisation, "Two", Phase.EXPERIMENT, true);
        String path = "/api/systems?organisation=" + organisation.replace(" ", "%20");
        JsonNode before = awaitJson(path, body -> body.size() == 2);

        HttpResponse<String> rebuild = http.send(HttpRequest.newBuilder(uri("/api/admin/projections/systems/rebuild"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(rebuild.statusCode()).isEqualTo(202);

        JsonNode after = awaitJson(path, body -> body.size() == 2);
        assertThat(after).isEqualTo(before);
    }

    private String publishRegistration(String organisation, String name, Phase phase, boolean twice) {
        String id = UUID.randomUUID().toString();
        AiSystemRegistered registered = new AiSystemRegistered(id, organisation, name, "About " + name, phase, null, null, null, null, null, null, null, null);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), id, 0, -1, "AiSystemRegistered", Instant.now(),
                Map.of("actor", "test"), json.valueToTree(registered));
        String message = json.writeValueAsString(envelope);
        events.send(TOPIC, id, message);
        if (twice) {
            events.send(TOPIC, id, message);
        }
        return id;
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
            if (response.statusCode() == 200) {
                body = json.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No satisfying answer from " + path + " within 30 s; last: " + body);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
