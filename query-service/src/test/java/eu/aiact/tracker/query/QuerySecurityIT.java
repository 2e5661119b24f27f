package eu.aiact.tracker.query;

import eu.aiact.tracker.testsupport.ApiDescriptionCheck;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.beans.factory.annotation.Qualifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every query-service endpoint under real bearer tokens, with two organisations' portfolios on the topic: 401 without a valid token; for
 * each role, allowed (200) or refused (403, or 404 for a system of an organisation the caller may not see); lists limited to the caller's
 * organisations; and no answer to a refused caller that names the other organisation or its systems.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class QuerySecurityIT {

    private static final String TOPIC = "it-query-security-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
    private static final String OWN = "Gemeente Eigen " + UUID.randomUUID();
    private static final String OTHER = "Provincie Ander " + UUID.randomUUID();
    private static final String OTHER_SECRET = "Geheim risicomodel " + UUID.randomUUID();
    private static SamplePortfolio own;
    private static SamplePortfolio other;

    private static final String VIEWER = TestIssuer.token("vera", "viewer:" + OWN);
    private static final String REGISTRAR = TestIssuer.token("alice", "registrar:" + OWN);
    private static final String CIO = TestIssuer.token("carol", "cio:" + OWN);
    private static final String AUDITOR = TestIssuer.token("olga", "auditor:" + OWN);
    private static final String ALL_AUDITOR = TestIssuer.token("audrey", "auditor:*");
    private static final String ADMIN = TestIssuer.token("adam", "admin");
    private static final String STRANGER = TestIssuer.token("bob", "registrar:" + OTHER.replace("Provincie", "Waterschap"), "cio:Elders");
    private static final String NO_ROLES = TestIssuer.token("nobody");
    private static final Map<String, String> TOKENS = new LinkedHashMap<>();

    static {
        TOKENS.put("viewer", VIEWER);
        TOKENS.put("registrar", REGISTRAR);
        TOKENS.put("cio", CIO);
        TOKENS.put("auditor", AUDITOR);
        TOKENS.put("auditor*", ALL_AUDITOR);
        TOKENS.put("admin", ADMIN);
        TOKENS.put("stranger", STRANGER);
        TOKENS.put("none", NO_ROLES);
    }

    @Autowired
    private Environment environment;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query_security_it").forEach((name, value) -> registry.add(name, () -> value));
        TestIssuer.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.obligations-topic", () -> "it-query-security-feed");
    }

    @BeforeAll
    static void portfolios(@Autowired JsonMapper json, @Autowired Environment environment, @Autowired JdbcTemplate jdbc) throws Exception {
        QueryApi api = new QueryApi(Integer.parseInt(environment.getProperty("local.server.port")), TOPIC, events, json);
        own = new SamplePortfolio(OWN, "Eigen risicomodel").publish(api);
        other = new SamplePortfolio(OTHER, OTHER_SECRET).publish(api);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Integer systems = jdbc.queryForObject("SELECT count(*) FROM ai_system WHERE organisation IN (?, ?)", Integer.class, OWN, OTHER);
            Integer withObligations = jdbc.queryForObject("SELECT count(DISTINCT organisation) FROM obligation WHERE organisation IN (?, ?)",
                    Integer.class, OWN, OTHER);
            if (systems == 10 && withObligations == 2) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the two sample portfolios did not reach the projection");
    }

    @AfterAll
    static void close() {
        events.close();
    }

    /** The REST surface is described as OpenAPI 3.1, every endpoint with its problem responses, readable without a token. */
    @Test
    void everyEndpointIsDescribedWithItsProblemResponses() throws Exception {
        ApiDescriptionCheck.everyEndpointIsDescribed("http://127.0.0.1:" + environment.getProperty("local.server.port"), mappings);
    }

    @Test
    void everyEndpointIsAllowedExactlyToTheRolesItIsFor() throws Exception {
        String org = QueryApi.encode(OWN);
        String id = own.high;
        Set<String> dashboards = Set.of("viewer", "registrar", "cio", "auditor", "auditor*");
        Set<String> readers = Set.of("registrar", "cio", "auditor", "auditor*");
        Set<String> audit = Set.of("cio", "auditor", "auditor*");
        Set<String> everyone = TOKENS.keySet();
        Map<String, Set<String>> allowed = new LinkedHashMap<>();
        allowed.put("/api/systems?organisation=" + org, readers);
        allowed.put("/api/systems/" + id, readers);
        allowed.put("/api/systems/" + id + "/history", readers);
        allowed.put("/api/systems/" + id + "/obligations", readers);
        allowed.put("/api/exports/algoritmeregister?organisation=" + org, readers);
        allowed.put("/api/obligations?organisation=" + org, dashboards);
        allowed.put("/api/portfolio?organisation=" + org, dashboards);
        // a list of organisations: a caller with dashboard roles of other organisations gets an empty one
        allowed.put("/api/portfolio/organisations", union(dashboards, "stranger"));
        allowed.put("/api/organisations/" + org + "/deadlines.ics", dashboards);
        // the caller's own feed links: a caller with dashboard roles of other organisations gets its own (none)
        allowed.put("/api/feeds", union(dashboards, "stranger"));
        allowed.put("/api/history?organisation=" + org, audit);
        allowed.put("/api/history/export?organisation=" + org, audit);
        allowed.put("/api/systems/" + id + "/as-of?date=2026-02-01", audit);
        allowed.put("/api/organisations/" + org + "/as-of?date=2026-02-01", audit);
        allowed.put("/api/rulebooks", everyone);
        allowed.put("/api/rulebooks/changes", everyone);
        allowed.put("/api/admin/dead-letters", Set.of("admin"));
        allowed.put("/api/admin/provision-references", Set.of("admin"));
        allowed.put("/api/admin/projections/systems/rebuild", Set.of("admin"));
        allowed.put("/actuator/metrics", Set.of("admin"));

        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<String>> endpoint : allowed.entrySet()) {
            String path = endpoint.getKey();
            HttpResponse<String> anonymous = get(path, null);
            if (anonymous.statusCode() != 401) {
                wrong.add(path + " without a token: " + anonymous.statusCode());
            }
            for (Map.Entry<String, String> caller : TOKENS.entrySet()) {
                HttpResponse<String> response = get(path, caller.getValue());
                boolean ok = endpoint.getValue().contains(caller.getKey());
                // a caller whose roles fit the endpoint but not the system's organisation is told the system does not exist
                int expected = ok ? 200 : path.contains(id) && caller.getKey().equals("stranger") ? 404 : 403;
                if (response.statusCode() != expected) {
                    wrong.add(path + " as " + caller.getKey() + ": " + response.statusCode() + " (expected " + expected + ")");
                }
                if (!ok) {
                    assertThat(response.body()).as(path + " as " + caller.getKey()).doesNotContain("Eigen risicomodel")
                            .doesNotContain(OTHER).doesNotContain("Exception");
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void listsShowOnlyTheCallersOrganisationsAndAnotherOrganisationsSystemsDoNotExistForIt() throws Exception {
        for (String token : List.of(REGISTRAR, CIO, AUDITOR)) {
            JsonNode systems = json.readTree(expect(200, get("/api/systems", token)).body());
            assertThat(systems).hasSize(5).allSatisfy(system -> assertThat(system.get("organisation").asString()).isEqualTo(OWN));
        }
        assertThat(json.readTree(expect(200, get("/api/systems?limit=1000", ALL_AUDITOR)).body())).hasSize(10);
        JsonNode obligations = json.readTree(expect(200, get("/api/obligations?limit=10000", VIEWER)).body());
        assertThat(obligations).isNotEmpty().allSatisfy(row -> assertThat(row.get("organisation").asString()).isEqualTo(OWN));
        assertThat(json.readTree(expect(200, get("/api/obligations?systemId=" + other.high, REGISTRAR)).body())).isEmpty();
        assertThat(json.readTree(expect(200, get("/api/history?systemId=" + other.high, AUDITOR)).body())).isEmpty();
        assertThat(json.readTree(expect(200, get("/api/portfolio/organisations", VIEWER)).body()).propertyNames()).containsExactly(OWN);
        assertThat(json.readTree(expect(200, get("/api/portfolio", VIEWER)).body()).get("systems").asLong()).isEqualTo(5);

        for (String path : List.of("/api/systems/" + other.high, "/api/systems/" + other.high + "/history",
                "/api/systems/" + other.high + "/obligations", "/api/systems/" + other.high + "/as-of?date=2026-02-01")) {
            HttpResponse<String> hidden = get(path, path.contains("as-of") ? AUDITOR : REGISTRAR);
            assertThat(hidden.statusCode()).as(path).isEqualTo(404);
            assertThat(hidden.body()).doesNotContain(OTHER).doesNotContain(OTHER_SECRET);
            assertThat(hidden.body()).isEqualTo(get(path.replace(other.high, "no-such-system"), path.contains("as-of") ? AUDITOR : REGISTRAR)
                    .body().replace("no-such-system", other.high));
        }
        for (String path : List.of("/api/systems?organisation=", "/api/obligations?organisation=", "/api/portfolio?organisation=",
                "/api/history?organisation=", "/api/exports/algoritmeregister?organisation=")) {
            HttpResponse<String> refused = get(path + QueryApi.encode(OTHER), path.contains("history") ? CIO : REGISTRAR);
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(get("/api/organisations/" + QueryApi.encode(OTHER) + "/deadlines.ics", VIEWER).statusCode()).isEqualTo(403);

        String twoOrganisations = TestIssuer.token("tess", "registrar:" + OWN, "registrar:" + OTHER);
        HttpResponse<String> choose = get("/api/systems", twoOrganisations);
        assertThat(choose.statusCode()).isEqualTo(400);
        assertThat(choose.body()).contains("name one");
        assertThat(json.readTree(expect(200, get("/api/systems?organisation=" + QueryApi.encode(OTHER), twoOrganisations)).body())).hasSize(5);
    }

    @Test
    void aTokenIsAcceptedInTheAuthorizationHeaderOnlyAndCalendarsUseRevocableFeedLinks() throws Exception {
        String calendar = "/api/organisations/" + QueryApi.encode(OWN) + "/deadlines.ics";
        assertThat(send(HttpRequest.newBuilder(uri(calendar + "?access_token=" + VIEWER)).GET()).statusCode())
                .as("no token in an address").isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri(calendar)).header("Cookie", "tracker_token=" + VIEWER).GET()).statusCode())
                .as("no token in a cookie").isEqualTo(401);
        assertThat(send(HttpRequest.newBuilder(uri(calendar)).header("Authorization", "Bearer " + VIEWER)
                .method("HEAD", HttpRequest.BodyPublishers.noBody())).statusCode()).as("HEAD as GET").isEqualTo(200);

        // a viewer makes a feed link for its organisation; a calendar client fetches it without any header
        HttpResponse<String> made = send(HttpRequest.newBuilder(uri("/api/feeds")).header("Authorization", "Bearer " + VIEWER)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"" + OWN + "\"}")));
        assertThat(made.statusCode()).as(made.body()).isEqualTo(201);
        JsonNode feed = json.readTree(made.body());
        String path = feed.get("path").asString();
        assertThat(path).startsWith("/feeds/").endsWith("/deadlines.ics");
        HttpResponse<String> fetched = send(HttpRequest.newBuilder(uri(path)).GET());
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("BEGIN:VCALENDAR").doesNotContain(OTHER);
        JsonNode mine = json.readTree(expect(200, get("/api/feeds", VIEWER)).body());
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).has("path")).as("the secret is told once").isFalse();
        assertThat(mine.get(0).get("lastUsedAt").isNull()).isFalse();
        assertThat(json.readTree(expect(200, get("/api/feeds", REGISTRAR)).body())).as("another user's links are not listed").isEmpty();

        // another organisation's feed cannot be made; another user cannot revoke it; its owner can
        assertThat(send(HttpRequest.newBuilder(uri("/api/feeds")).header("Authorization", "Bearer " + VIEWER)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"" + OTHER + "\"}")))
                .statusCode()).isEqualTo(403);
        String revoke = "/api/feeds/" + feed.get("id").asString();
        assertThat(send(HttpRequest.newBuilder(uri(revoke)).header("Authorization", "Bearer " + REGISTRAR).DELETE()).statusCode()).isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri(revoke)).header("Authorization", "Bearer " + VIEWER).DELETE()).statusCode()).isEqualTo(204);
        assertThat(send(HttpRequest.newBuilder(uri(path)).GET()).statusCode()).as("a revoked link").isEqualTo(404);
        assertThat(send(HttpRequest.newBuilder(uri("/feeds/not-a-secret/deadlines.ics")).GET()).statusCode()).isEqualTo(404);
    }

    @Test
    void theFormerDashboardPagesRedirectToTheWebApplication() throws Exception {
        HttpResponse<String> portfolio = send(HttpRequest.newBuilder(uri("/dashboard?organisation=" + QueryApi.encode(OWN))).GET());
        assertThat(portfolio.statusCode()).isEqualTo(301);
        assertThat(portfolio.headers().firstValue("Location")).hasValue("http://127.0.0.1:8080/portfolio?organisation=" + QueryApi.encode(OWN));
        HttpResponse<String> system = send(HttpRequest.newBuilder(uri("/dashboard/systems/" + own.high)).GET());
        assertThat(system.statusCode()).isEqualTo(301);
        assertThat(system.headers().firstValue("Location")).hasValue("http://127.0.0.1:8080/systems/" + own.high);
        assertThat(system.body()).doesNotContain(OWN);
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: it empties the projection and replays it
    void onlyAnAdministratorRebuildsTheProjection() throws Exception {
        String rebuild = "/api/admin/projections/systems/rebuild";
        assertThat(send(HttpRequest.newBuilder(uri(rebuild)).POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(401);
        for (Map.Entry<String, String> caller : TOKENS.entrySet()) {
            if (!caller.getKey().equals("admin")) {
                assertThat(post(rebuild, caller.getValue(), "").statusCode()).as(caller.getKey()).isEqualTo(403);
            }
        }
        assertThat(post(rebuild, ADMIN, "").statusCode()).isEqualTo(202);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        JsonNode status = json.readTree(expect(200, get(rebuild, ADMIN)).body());
        while (status.get("running").asBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(100);
            status = json.readTree(expect(200, get(rebuild, ADMIN)).body());
        }
        assertThat(status.get("running").asBoolean()).isFalse();
        assertThat(json.readTree(expect(200, get("/api/systems?limit=1000", ALL_AUDITOR)).body())).hasSize(10);
    }

    private static Set<String> union(Set<String> roles, String more) {
        Set<String> all = new java.util.HashSet<>(roles);
        all.add(more);
        return all;
    }

    private HttpResponse<String> expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + ": " + response.body()).isEqualTo(status);
        return response;
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> post(String path, String token, String csv) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }
}
