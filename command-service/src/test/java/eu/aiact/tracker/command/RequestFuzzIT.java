package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.testsupport.ProblemCheck;
import tools.jackson.databind.json.JsonMapper;

/**
 * Throws 1,200 generated malformed requests at every command endpoint (wrong types, huge strings, invalid dates, unknown fields and enum
 * values, wrong content types and methods, invalid UTF-8, no JSON at all, truncated JSON, no actor, unknown systems): every answer is a 4xx problem
 * detail, never a 5xx, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestFuzzIT {

    private static final String SCHEMA = "command_fuzz_it";
    private static final int REQUESTS = 1200;
    private static final String[] BAD_DATES = {"2024-02-30", "yesterday", "2024/01/01", "", "20240101", "2024-13-01", "+999999999-12-31T"};
    private static final String[] MUTATIONS = {"wrong-type", "huge-string", "invalid-date", "unknown-field", "unknown-enum",
            "content-type", "invalid-utf8", "not-json", "no-actor", "unknown-system", "wrong-method", "truncated"};

    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties(SCHEMA).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-fuzz-events");
    }

    /** One endpoint: its path (with {id}), a valid body, which fields are dates and which enums. */
    private record Endpoint(String path, Map<String, Object> body, List<String> dates, List<String> enums) {
    }

    @Test
    void everyMalformedRequestIsA4xxProblemAndNothingIsStored() throws Exception {
        HttpResponse<String> created = send("POST", "/api/systems", "application/json", true, """
                {"organisation":"Fuzz","name":"Target","initialPhase":"IN_USE","effectiveDate":"2024-01-01"}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        long events = count("domainevententry");
        long keys = count("idempotency_key");

        List<Endpoint> endpoints = endpoints();
        Random random = new Random(20261123L);
        Map<String, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
            String mutation = MUTATIONS[i % MUTATIONS.length];
            HttpResponse<String> response = fuzz(endpoint, mutation, id, random);
            String description = mutation + " on " + endpoint.path() + " -> " + response.statusCode() + " " + response.body();
            assertThat(response.statusCode()).as(description).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(description)
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).as(description).doesNotContain("Exception").doesNotContain("at eu.aiact");
            // issue 15: the answer names what is wrong: a field of the body, the system's id, a header, the method, the body itself
            List<String> names = new ArrayList<>(endpoint.body().keySet());
            names.addAll(List.of("id", "X-Actor", "Content-Type", "method", "body", "unexpected-date", "riskLevel", "versionId"));
            for (int f = 0; f < 1000; f++) {
                names.add("field" + f);
            }
            ProblemCheck.namesWhatIsWrong(description, json.readTree(response.body()), names);
            statuses.merge(response.statusCode() + " " + mutation, 1, Integer::sum);
        }
        assertThat(count("domainevententry")).as("events stored").isEqualTo(events);
        assertThat(count("idempotency_key")).as("idempotency keys stored").isEqualTo(keys);
        assertThat(statuses.keySet()).anyMatch(s -> s.startsWith("413")).anyMatch(s -> s.startsWith("415"))
                .anyMatch(s -> s.startsWith("404")).anyMatch(s -> s.startsWith("405"));
    }

    private HttpResponse<String> fuzz(Endpoint endpoint, String mutation, String id, Random random) throws Exception {
        String path = endpoint.path().replace("{id}", id);
        Map<String, Object> body = new LinkedHashMap<>(endpoint.body());
        List<String> fields = new ArrayList<>(body.keySet());
        String field = fields.get(random.nextInt(fields.size()));
        switch (mutation) {
            case "wrong-type":
                body.put(field, body.get(field) instanceof List ? "not a list" : Map.of("unexpected", List.of(1, 2)));
                return post(path, json.writeValueAsBytes(body));
            case "huge-string":
                body.put(field, "x".repeat(70_000 + random.nextInt(2_000_000)));
                return post(path, json.writeValueAsBytes(body));
            case "invalid-date":
                if (endpoint.dates().isEmpty()) {
                    body.put("unexpected-date", "2024-02-30");
                } else {
                    body.put(endpoint.dates().get(random.nextInt(endpoint.dates().size())), BAD_DATES[random.nextInt(BAD_DATES.length)]);
                }
                return post(path, json.writeValueAsBytes(body));
            case "unknown-field":
                body.put("field" + random.nextInt(1000), random.nextBoolean() ? "value" : 42);
                return post(path, json.writeValueAsBytes(body));
            case "unknown-enum":
                if (endpoint.enums().isEmpty()) {
                    body.put("riskLevel", "EXTREME");
                } else {
                    body.put(endpoint.enums().get(random.nextInt(endpoint.enums().size())), "BOGUS_" + random.nextInt(100));
                }
                return post(path, json.writeValueAsBytes(body));
            case "content-type":
                String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"};
                return send("POST", path, types[random.nextInt(types.length)], true, json.writeValueAsBytes(body));
            case "invalid-utf8":
                byte[] valid = json.writeValueAsBytes(body);
                byte[] broken = new byte[valid.length + 2];
                int at = valid.length / 2;
                System.arraycopy(valid, 0, broken, 0, at);
                broken[at] = (byte) 0xC3;
                broken[at + 1] = (byte) 0x28;
                System.arraycopy(valid, at, broken, at + 2, valid.length - at);
                return post(path, broken);
            case "not-json":
                byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                garbage[0] = '<';
                return post(path, garbage);
            case "no-actor":
                return send("POST", path, "application/json", false, json.writeValueAsBytes(body));
            case "unknown-system":
                if (!path.contains(id)) {
                    return post(path, "[]".getBytes(StandardCharsets.UTF_8));
                }
                return post(path.replace(id, UUID.randomUUID().toString()), json.writeValueAsBytes(body));
            case "wrong-method":
                return send(random.nextBoolean() ? "PUT" : "DELETE", path, "application/json", true, json.writeValueAsBytes(body));
            default:
                byte[] whole = json.writeValueAsBytes(body);
                return post(path, java.util.Arrays.copyOf(whole, 1 + random.nextInt(whole.length - 1)));
        }
    }

    private static List<Endpoint> endpoints() {
        String date = "2024-06-01";
        return List.of(
                new Endpoint("/api/systems", Map.of("organisation", "Fuzz", "name", "N", "initialPhase", "EXPERIMENT", "effectiveDate", date,
                        "developedBy", "INTERNAL", "role", "DEPLOYER", "generativeAi", false, "publicAuthority", true),
                        List.of("effectiveDate"), List.of("initialPhase", "developedBy", "role")),
                new Endpoint("/api/systems/{id}/experiment", Map.of("effectiveDate", date), List.of("effectiveDate"), List.of()),
                new Endpoint("/api/systems/{id}/service", Map.of("effectiveDate", date, "expectedVersion", 0), List.of("effectiveDate"),
                        List.of()),
                new Endpoint("/api/systems/{id}/pause", Map.of("effectiveDate", date, "reason", "r"), List.of("effectiveDate"), List.of()),
                new Endpoint("/api/systems/{id}/resume", Map.of("effectiveDate", date), List.of("effectiveDate"), List.of()),
                new Endpoint("/api/systems/{id}/end", Map.of("effectiveDate", date, "endReason", "REPLACED"), List.of("effectiveDate"),
                        List.of("endReason")),
                new Endpoint("/api/systems/{id}/classification", Map.of("riskClass", "HIGH", "bases",
                        List.of(Map.of("kind", "ANNEX_III_AREA", "reference", "III.5(a)")), "rationale", "r", "annexXComponent", false,
                        "gpai", "NONE"), List.of(), List.of("riskClass", "gpai")),
                new Endpoint("/api/systems/{id}/modifications", Map.of("effectiveDate", date, "description", "d"), List.of("effectiveDate"),
                        List.of()),
                new Endpoint("/api/systems/{id}/assessments", Map.of("type", "DPIA", "status", "DONE", "effectiveDate", date, "reference",
                        "x"), List.of("effectiveDate"), List.of("type", "status")),
                new Endpoint("/api/systems/{id}/registrations", Map.of("register", "EU_DATABASE", "registerId", "EU-1", "effectiveDate",
                        date), List.of("effectiveDate"), List.of("register")),
                new Endpoint("/api/systems/{id}/evidence", Map.of("obligationCode", "ART4-LITERACY", "kind", "FULFILLED", "statement", "s",
                        "effectiveDate", date), List.of("effectiveDate"), List.of("kind")),
                new Endpoint("/api/systems/{id}/corrections", Map.of("fact", "NAME", "value", "n", "rationale", "r"), List.of(),
                        List.of("fact")),
                new Endpoint("/api/rulebooks/fuzz-version/applications", Map.of("title", "t", "legalSource", "s", "inForceFrom",
                        "2024-08-01"), List.of("inForceFrom"), List.of()));
    }

    private HttpResponse<String> post(String path, byte[] body) throws Exception {
        return send("POST", path, "application/json", true, body);
    }

    private HttpResponse<String> send(String method, String path, String contentType, boolean actor, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port")
                + path)).method(method, HttpRequest.BodyPublishers.ofByteArray(body)).header("Content-Type", contentType)
                .header("Accept", "application/json, application/problem+json");
        if (actor) {
            request.header("X-Actor", "fuzzer");
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
