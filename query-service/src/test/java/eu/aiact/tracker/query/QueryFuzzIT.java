package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.testsupport.ProblemCheck;
import tools.jackson.databind.json.JsonMapper;

/**
 * 1,000 generated malformed requests at every query endpoint (wrong types and out-of-range numbers, invalid dates and instants, unknown
 * enum values, huge and invalid percent-encoded UTF-8 strings, unknown systems, wrong methods): every answer is a 4xx problem detail and
 * nothing changes in the projection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueryFuzzIT {

    private static final int REQUESTS = 1000;

    /** A path and the query parameters it takes, with the kind of each: n(umber), d(ate), i(nstant), e(num), s(tring). */
    private record Endpoint(String path, List<String> parameters) {
    }

    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("/api/systems", List.of("n:limit", "n:offset", "e:phase", "e:riskClass", "s:organisation")),
            new Endpoint("/api/systems/{id}", List.of()),
            new Endpoint("/api/systems/{id}/history", List.of("n:limit", "n:offset")),
            new Endpoint("/api/systems/{id}/obligations", List.of("d:asOf")),
            new Endpoint("/api/systems/{id}/as-of", List.of("d:date", "i:knownAt")),
            new Endpoint("/api/obligations", List.of("e:status", "d:dueBefore", "n:limit", "n:offset", "s:organisation", "s:systemId")),
            new Endpoint("/api/rulebooks/changes", List.of("n:limit", "n:offset", "s:versionId")),
            new Endpoint("/api/history", List.of("i:recordedFrom", "i:recordedTo", "d:effectiveFrom", "d:effectiveTo", "n:limit",
                    "n:offset", "s:organisation")),
            new Endpoint("/api/history/export", List.of("e:format", "i:recordedFrom", "d:effectiveTo")),
            new Endpoint("/api/organisations/{org}/as-of", List.of("d:date", "i:knownAt")),
            new Endpoint("/api/admin/dead-letters", List.of("n:limit", "n:offset")));

    @Autowired
    private JdbcTemplate jdbc;
    @Value("${local.server.port}")
    private int port;

    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> "it-query-fuzz-events");
    }

    @Test
    void everyMalformedQueryIsA4xxProblemAndChangesNothing() throws Exception {
        long systems = count("ai_system");
        long events = count("system_event");
        Random random = new Random(20261123L);
        for (int i = 0; i < REQUESTS; i++) {
            Endpoint endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            String path = endpoint.path().replace("{id}", UUID.randomUUID().toString()).replace("{org}", "Fuzz%20" + i);
            String method = "GET";
            String query;
            if (endpoint.parameters().isEmpty() || random.nextInt(10) == 0) {
                method = random.nextBoolean() ? "DELETE" : "PUT";
                query = "";
            } else {
                String parameter = endpoint.parameters().get(random.nextInt(endpoint.parameters().size()));
                query = "?" + parameter.substring(2) + "=" + bad(parameter.charAt(0), random);
                if (endpoint.parameters().contains("d:date") && !parameter.equals("d:date")) {
                    query += "&date=2025-06-01";
                }
            }
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + query))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String description = method + " " + path + query + " -> " + response.statusCode() + " " + response.body();
            assertThat(response.statusCode()).as(description).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).as(description).startsWith("application/problem+json");
            assertThat(response.body()).as(description).doesNotContain("Exception").doesNotContain("at eu.aiact");
            // issue 15: the answer names what is wrong (the parameter, the system's id, the organisation, the method)
            List<String> names = new java.util.ArrayList<>(endpoint.parameters().stream().map(p -> p.substring(2)).toList());
            names.addAll(List.of("id", "organisation", "method", "date"));
            ProblemCheck.namesWhatIsWrong(description, json.readTree(response.body()), names);
        }
        assertThat(count("ai_system")).isEqualTo(systems);
        assertThat(count("system_event")).isEqualTo(events);
    }

    /** A value that is never valid for a parameter of this kind (for strings: longer than any field allows). */
    private static String bad(char kind, Random random) {
        String[] numbers = {"abc", "-1", "99999999999999999999", "1.5", "%00", "1e3"};
        String[] dates = {"2025-13-01", "2025-02-30", "yesterday", "2025%2F01%2F01", "%C3%28", "20250101"};
        String[] instants = {"2025-03-01T25:00:00Z", "soon", "2025-03-01T12:00", "%FF%FE", "1700000000"};
        String[] enums = {"LATE", "bogus", "%C3%28", "high", "0"};
        switch (kind) {
            case 'n':
                return numbers[random.nextInt(numbers.length)];
            case 'd':
                return dates[random.nextInt(dates.length)];
            case 'i':
                return instants[random.nextInt(instants.length)];
            case 'e':
                return enums[random.nextInt(enums.length)];
            default:
                return random.nextBoolean() ? "x".repeat(5_000) : "%C3%28" + "y".repeat(300);
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }
}
