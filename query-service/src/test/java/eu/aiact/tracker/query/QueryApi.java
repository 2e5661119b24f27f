package eu.aiact.tracker.query;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.infra.TestEvents;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the query service's tests do from outside: put events on its topic, and read its REST API until the answer is there. */
final class QueryApi {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String baseUrl;
    private final String topic;
    private final TestEvents events;
    private final JsonMapper json;

    QueryApi(int port, String topic, TestEvents events, JsonMapper json) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.topic = topic;
        this.events = events;
        this.json = json;
    }

    /** Publishes the event of a system as the command service would, with the actor "test"; its event id is {@code id-sequence}. */
    void publish(String id, long sequence, Object event, Instant recordedAt) {
        EventEnvelope envelope = new EventEnvelope(id + "-" + sequence, id, sequence, -1, event.getClass().getSimpleName(), recordedAt,
                Map.of("actor", "test", "organisation", "Gemeente Utrecht"), json.valueToTree(event));
        send(envelope);
    }

    void send(EventEnvelope envelope) {
        events.send(topic, envelope.aggregateId(), json.writeValueAsString(envelope));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    JsonNode getJson(String path) throws Exception {
        return json.readTree(get(path).body());
    }

    /** Reads {@code path} until it answers 200 with a body that satisfies {@code done}; fails after 30 s. */
    JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
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

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }
}
