package eu.aiact.tracker.notifier.support;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.notifier.NotifierApplication;
import eu.aiact.tracker.notifier.delivery.Dispatcher;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A whole notifier in the test's JVM, on the real PostgreSQL and Kafka of the tests, in a schema and consumer group of its own, with a
 * {@link TestClock} for today; sweeps and dispatches only when the test asks. Several of them side by side read the same topics, so
 * that a test can compare what two notifiers send.
 */
public final class NotifierStack implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ConfigurableApplicationContext context;
    private final HttpClient http = HttpClient.newHttpClient();
    private final String url;

    private NotifierStack(ConfigurableApplicationContext context) {
        this.context = context;
        this.url = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /**
     * @param name       the schema, consumer group and alerts topic are named after it
     * @param properties further properties (they win over the defaults here)
     */
    public static NotifierStack start(String name, String profile, Map<String, String> properties) {
        return start(name, profile, properties, new Class<?>[0]);
    }

    /** @param sources further configuration classes (beans a test puts in place) */
    public static NotifierStack start(String name, String profile, Map<String, String> properties, Class<?>... sources) {
        Map<String, Object> all = new LinkedHashMap<>(TestInfrastructure.get().springProperties("notifier_" + name));
        all.put("server.port", "0");
        all.put("spring.kafka.consumer.group-id", "notifier-" + name);
        all.put("tracker.notifier.alerts-topic", "it-" + name + "-alerts");
        all.put("tracker.notifier.sweep-interval", "PT1H");
        all.put("tracker.notifier.sweep-initial-delay", "PT1H");
        all.put("tracker.notifier.dispatch-interval", "PT1H");
        all.putAll(properties);
        List<Class<?>> classes = new ArrayList<>(List.of(NotifierApplication.class, TestClockConfiguration.class));
        classes.addAll(List.of(sources));
        SpringApplicationBuilder builder = new SpringApplicationBuilder(classes.toArray(Class<?>[]::new));
        if (profile != null) {
            builder.profiles(profile);
        }
        // as arguments: they win over application.yml, as a service's command line does
        return new NotifierStack(builder.run(all.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new)));
    }

    public TestClock today() {
        return context.getBean(TestClock.class);
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public String url() {
        return url;
    }

    /** Sends every delivery that is due, until none is left that is due now. */
    public int dispatchAll() {
        Dispatcher dispatcher = context.getBean(Dispatcher.class);
        int sent = 0;
        for (int round = 0; round < 100; round++) {
            int now = dispatcher.dispatchDue();
            sent += now;
            if (now == 0) {
                return sent;
            }
        }
        return sent;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                    .header("X-Actor", "test").method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(method + " " + path, e);
        }
    }

    /** The answer's JSON; fails unless the status is the one expected. */
    public JsonNode json(String method, String path, String body, int expected) {
        HttpResponse<String> response = send(method, path, body);
        if (response.statusCode() != expected) {
            throw new AssertionError(method + " " + path + ": expected " + expected + ", got " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    public JsonNode get(String path) {
        return json("GET", path, null, 200);
    }

    /** Polls a GET until the answer satisfies {@code done}. */
    public JsonNode await(String path, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send("GET", path, null);
            if (response.statusCode() == 200) {
                last = JSON.readTree(response.body());
                if (done.test(last)) {
                    return last;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("No satisfying answer from " + path + " within 60 s; last: " + last);
    }

    /** A real sweep now (the clock is not set): the keys it created. */
    public List<String> sweep() {
        JsonNode answer = json("POST", "/api/admin/sweeps?limit=100000", null, 200);
        if (answer.get("simulated").asBoolean()) {
            throw new AssertionError("Expected a real sweep, got a simulation: " + answer);
        }
        List<String> keys = new ArrayList<>();
        answer.get("created").forEach(alert -> keys.add(alert.get("key").asString()));
        return keys;
    }

    public void putRecipients(String organisation, Map<String, Object> body) {
        json("PUT", "/api/organisations/" + encode(organisation) + "/recipients", JSON.writeValueAsString(body), 200);
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        context.close();
    }
}
