package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.infra.LocalPostgres;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestSigningKeys;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL stopped under the running command service (a server of this test's own, killed without a checkpoint): commands fail fast
 * with 503 and a clear message, nothing is stored, health reports the database down; when it is back, commands succeed again.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DatabaseOutageIT {

    private static final LocalPostgres postgres = startPostgres();

    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    private static LocalPostgres startPostgres() {
        try {
            Path data = Files.createTempDirectory("aiact-outage-");
            LocalPostgres server = new LocalPostgres(data.resolve("pgdata"),
                    Path.of(System.getProperty("java.io.tmpdir"), "aiact-postgres-binaries"), FreePorts.next()).start();
            server.ensureDatabase("outage", "aiact", "aiact");
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> postgres.jdbcUrl("outage") + "?currentSchema=command");
        registry.add("spring.datasource.username", () -> "aiact");
        registry.add("spring.datasource.password", () -> "aiact");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "2000");
        registry.add("spring.flyway.schemas", () -> "command");
        registry.add("spring.flyway.default-schema", () -> "command");
        registry.add("spring.kafka.bootstrap-servers", () -> TestInfrastructure.get().kafkaBootstrapServers());
        registry.add("tracker.publisher.topic", () -> "it-command-outage-events");
        TestSigningKeys.springProperties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @AfterAll
    static void stop() {
        postgres.close();
    }

    @Test
    void commandsFailFastWith503WhileTheDatabaseIsDownAndSucceedOnceItIsBack() throws Exception {
        assertThat(register("Before the outage").statusCode()).isEqualTo(201);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

        postgres.kill();
        try {
            long started = System.nanoTime();
            HttpResponse<String> refused = register("During the outage");
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(took).as("fails fast").isLessThan(Duration.ofSeconds(15));
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            JsonNode problem = json.readTree(refused.body());
            assertThat(problem.get("title").asString()).isEqualTo("Database unavailable");
            assertThat(problem.get("detail").asString()).contains("nothing was stored");
            HttpResponse<String> health = get("/actuator/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json.readTree(health.body()).get("components").get("db").get("status").asString()).isEqualTo("DOWN");
        } finally {
            postgres.start();
        }

        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> after = register("After the outage");
        while (after.statusCode() != 201 && System.nanoTime() < deadline) {
            Thread.sleep(500);
            after = register("After the outage");
        }
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE '%During the outage%'",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE convert_from(payload, 'UTF8') LIKE '%After the outage%'",
                Long.class)).isEqualTo(1);
    }

    private HttpResponse<String> register(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/api/systems")).header("Content-Type", "application/json").header("X-Actor", "it")
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"Outage\",\"name\":\"" + name + "\",\"initialPhase\":\"IN_USE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
