package eu.aiact.tracker.command;

import eu.aiact.tracker.testsupport.ApiDescriptionCheck;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.beans.factory.annotation.Qualifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.DevIssuer;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestIssuer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every command-service endpoint under real bearer tokens: refused without a token or with a bad one (401), refused for roles and
 * organisations that may not use it (403, nothing stored, nothing of the other organisation in the answer), allowed for those that may;
 * the actor in the events is the token's subject, whatever the request says.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandSecurityIT {

    private static final String SCHEMA = "command_security_it";
    private static final String OWN = "Gemeente Veilig";
    private static final String OTHER = "Provincie Anders";
    private static final String SECRET_NAME = "Geheime fraudescore";

    @Autowired
    private eu.aiact.tracker.command.log.Sequencer sequencer;
    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties(SCHEMA).forEach((name, value) -> registry.add(name, () -> value));
        TestIssuer.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-security-events");
    }

    /** The REST surface is described as OpenAPI 3.1, every endpoint with its problem responses, readable without a token. */
    @Test
    void everyEndpointIsDescribedWithItsProblemResponses() throws Exception {
        ApiDescriptionCheck.everyEndpointIsDescribed("http://localhost:" + environment.getProperty("local.server.port"), mappings);
    }

    @Test
    void withoutAValidTokenNothingIsAcceptedAndTheAnswerSaysWhy() throws Exception {
        String body = registration(OWN);
        long before = events();
        HttpResponse<String> none = send("POST", "/api/systems", null, body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(json.readTree(none.body()).get("detail").asString()).contains("bearer token");

        String expired = TestIssuer.get().mint("alice", List.of("registrar:" + OWN), Duration.ofSeconds(-120));
        try (DevIssuer stranger = DevIssuer.start(0, null, Map.of(), Map.of())) {
            String foreign = stranger.mint("alice", List.of("registrar:" + OWN, "admin"), Duration.ofHours(1));
            for (String bad : List.of(expired, foreign, "not-a-jwt", TestIssuer.token("alice", "registrar:" + OWN) + "x")) {
                HttpResponse<String> refused = send("POST", "/api/systems", bad, body);
                assertThat(refused.statusCode()).as(bad).isEqualTo(401);
                assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
                assertThat(refused.body()).doesNotContain(bad).doesNotContain("Exception").doesNotContain("alice");
            }
        }
        for (String path : List.of("/api/audit/chain/verify", "/api/audit/chain/export", "/actuator/metrics", "/api/provisions")) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
        }
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isEqualTo(200);
        assertThat(events()).isEqualTo(before);
    }

    /** Issue 15: a validly signed token must expire and name its caller; roles are parsed strictly, the odd ones ignored. */
    @Test
    void aTokenWithoutExpOrSubIsA401ThatSaysSoAndOddRolesGrantNothing() throws Exception {
        String body = registration(OWN);
        long before = events();
        java.util.Date inAnHour = java.util.Date.from(java.time.Instant.now().plusSeconds(3600));
        String noExp = TestIssuer.get().mintClaims(Map.of("sub", "alice", "roles", List.of("registrar:" + OWN)));
        HttpResponse<String> neverExpires = send("POST", "/api/systems", noExp, body);
        assertThat(neverExpires.statusCode()).isEqualTo(401);
        assertThat(neverExpires.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(json.readTree(neverExpires.body()).get("detail").asString()).contains("no 'exp' claim");
        String noSub = TestIssuer.get().mintClaims(Map.of("exp", inAnHour, "roles", List.of("registrar:" + OWN)));
        HttpResponse<String> nobody = send("POST", "/api/systems", noSub, body, "X-Actor", "mallory");
        assertThat(nobody.statusCode()).as(nobody.body()).isEqualTo(401);
        assertThat(json.readTree(nobody.body()).get("detail").asString()).contains("no 'sub' claim").doesNotContain("X-Actor");

        String application = "{\"title\":\"Odd roles\",\"legalSource\":\"Test\",\"inForceFrom\":\"2026-01-01\"}";
        refused(403, send("POST", "/api/rulebooks/odd-roles/applications", TestIssuer.token("eve", "admin:Foo"), application));
        refused(403, send("POST", "/api/rulebooks/odd-roles/applications", TestIssuer.token("eve", "Admin"), application));
        for (String odd : List.of("Registrar:" + OWN, "registrar", "superuser:*", "registrar: " + OWN, "registrar:", "admin:" + OWN)) {
            refused(403, send("POST", "/api/systems", TestIssuer.token("eve", odd), body));
        }
        assertThat(events()).isEqualTo(before);
        // one odd role beside a good one: the good one holds
        assertThat(send("POST", "/api/systems", TestIssuer.token("alice", "superuser:*", "registrar:" + OWN), body).statusCode())
                .isEqualTo(201);
    }

    @Test
    void onlyRegistrarsAndCioOfficesOfTheSystemsOrganisationChangeIt() throws Exception {
        String registrar = TestIssuer.token("alice", "registrar:" + OWN);
        String cio = TestIssuer.token("carol", "cio:" + OWN);
        List<String> refusedTokens = List.of(TestIssuer.token("vera", "viewer:" + OWN), TestIssuer.token("audrey", "auditor:*"),
                TestIssuer.token("adam", "admin"), TestIssuer.token("bob", "registrar:" + OTHER), TestIssuer.token("chris", "cio:" + OTHER),
                TestIssuer.token("nobody"));

        long before = events();
        for (String token : refusedTokens) {
            refused(403, send("POST", "/api/systems", token, registration(OWN)));
        }
        refused(403, send("POST", "/api/systems", registrar, registration(OTHER)));
        assertThat(events()).isEqualTo(before);

        HttpResponse<String> registered = send("POST", "/api/systems", registrar, registration(OWN), "X-Actor", "mallory");
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        String id = json.readTree(registered.body()).get("id").asString();
        assertThat(actorsOf(id)).containsExactly("alice");

        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("/experiment", "{}");
        steps.put("/service", "{\"effectiveDate\":\"" + LocalDate.now() + "\"}");
        steps.put("/pause", "{}");
        steps.put("/resume", "{}");
        steps.put("/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"Access to public benefits"}""");
        steps.put("/modifications", "{\"description\":\"Retrained\"}");
        steps.put("/assessments", "{\"type\":\"DPIA\",\"status\":\"DONE\"}");
        steps.put("/registrations", "{\"register\":\"EU_DATABASE\",\"registerId\":\"EU-2026-7\"}");
        steps.put("/evidence", "{\"obligationCode\":\"ART26-DEPLOYER-DUTIES\",\"kind\":\"FULFILLED\",\"statement\":\"Logs kept 6 months\"}");
        steps.put("/corrections", "{\"fact\":\"SUPPLIER\",\"value\":\"Acme B.V.\",\"rationale\":\"Legal name\"}");
        steps.put("/end", "{\"endReason\":\"REPLACED\",\"explanation\":\"A new system\"}");
        int step = 0;
        for (Map.Entry<String, String> command : steps.entrySet()) {
            String path = "/api/systems/" + id + command.getKey();
            long stored = events();
            assertThat(send("POST", path, null, command.getValue()).statusCode()).as(path).isEqualTo(401);
            for (String token : refusedTokens) {
                refused(403, send("POST", path, token, command.getValue()));
            }
            assertThat(events()).as(path).isEqualTo(stored);
            HttpResponse<String> allowed = send("POST", path, step++ % 2 == 0 ? registrar : cio, command.getValue());
            assertThat(allowed.statusCode()).as(path + " " + allowed.body()).isEqualTo(200);
        }
        assertThat(actorsOf(id)).containsOnly("alice", "carol");
    }

    /** The catalogue of legal provisions is read by anyone signed in (the web forms' pickers), whatever their role. */
    @Test
    void anyoneSignedInReadsTheCatalogueOfProvisions() throws Exception {
        for (String token : List.of(TestIssuer.token("vera", "viewer:" + OWN), TestIssuer.token("adam", "admin"),
                TestIssuer.token("alice", "registrar:" + OWN), TestIssuer.token("nobody"))) {
            HttpResponse<String> response = send("GET", "/api/provisions", token, null);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json.readTree(response.body()).valueStream().map(p -> p.get("id").asString())).contains("5(1)(ba)", "III.2");
        }
        refused(403, send("POST", "/api/provisions", TestIssuer.token("adam", "admin"), "{}"));
    }

    @Test
    void rulebookApplicationsAreForAdministratorsAndTheChainForAuditors() throws Exception {
        String application = "{\"title\":\"Security test rulebook\",\"legalSource\":\"Test\",\"inForceFrom\":\"2026-01-01\"}";
        for (String token : List.of(TestIssuer.token("alice", "registrar:" + OWN), TestIssuer.token("carol", "cio:*"),
                TestIssuer.token("audrey", "auditor:*"))) {
            refused(403, send("POST", "/api/rulebooks/security-it/applications", token, application));
        }
        assertThat(send("POST", "/api/rulebooks/security-it/applications", TestIssuer.token("adam", "admin"), application).statusCode())
                .isEqualTo(201);

        String ownAuditor = TestIssuer.token("olga", "auditor:" + OWN);
        String allAuditor = TestIssuer.token("audrey", "auditor:*");
        for (String token : List.of(TestIssuer.token("alice", "registrar:*"), TestIssuer.token("carol", "cio:*"), TestIssuer.token("adam", "admin"),
                TestIssuer.token("vera", "viewer:*"))) {
            refused(403, send("GET", "/api/audit/chain/verify", token, null));
            refused(403, send("GET", "/api/audit/chain/export", token, null));
        }
        assertThat(send("GET", "/api/audit/chain/verify", ownAuditor, null).statusCode()).isEqualTo(200);
        refused(403, send("GET", "/api/audit/chain/export", ownAuditor, null));
        assertThat(send("GET", "/api/audit/chain/export", allAuditor, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/actuator/metrics", TestIssuer.token("adam", "admin"), null).statusCode()).isEqualTo(200);
        refused(403, send("GET", "/actuator/metrics", allAuditor, null));
    }

    /**
     * The log's key, checkpoints and consistency proofs are for auditors (hashes and sizes only); an inclusion proof carries the event,
     * so it is for an auditor of the event's organisation.
     */
    @Test
    void theLogsCheckpointsAndProofsAreForAuditorsAndAnInclusionProofForTheEventsOrganisation() throws Exception {
        String registrar = TestIssuer.token("alice", "registrar:" + OWN);
        String id = json.readTree(send("POST", "/api/systems", registrar, registration(OWN)).body()).get("id").asString();
        String event = jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?", String.class, id);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM event_chain WHERE event_identifier = ?", Long.class, event) == 0) {
            assertThat(System.nanoTime()).as("integrated within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
        long size = sequencer.checkpoint().orElseThrow().treeSize();
        List<String> auditors = List.of(TestIssuer.token("olga", "auditor:" + OWN), TestIssuer.token("otto", "auditor:" + OTHER),
                TestIssuer.token("audrey", "auditor:*"));
        List<String> others = List.of(registrar, TestIssuer.token("carol", "cio:*"), TestIssuer.token("adam", "admin"),
                TestIssuer.token("vera", "viewer:*"));
        for (String path : List.of("/api/audit/key", "/api/audit/checkpoints/latest", "/api/audit/checkpoints/" + size,
                "/api/audit/checkpoints", "/api/audit/proofs/consistency?from=1")) {
            assertThat(send("GET", path, null, null).statusCode()).as(path).isEqualTo(401);
            for (String token : others) {
                refused(403, send("GET", path, token, null));
            }
            for (String token : auditors) {
                assertThat(send("GET", path, token, null).statusCode()).as(path).isEqualTo(200);
            }
        }
        String inclusion = "/api/audit/proofs/inclusion?eventId=" + event + "&treeSize=" + size;
        assertThat(send("GET", inclusion, auditors.get(0), null).statusCode()).isEqualTo(200);
        assertThat(send("GET", inclusion, auditors.get(2), null).statusCode()).isEqualTo(200);
        refused(403, send("GET", inclusion, auditors.get(1), null));
        for (String token : others) {
            refused(403, send("GET", inclusion, token, null));
        }
    }

    /** Moved here with the import, from the query service's security test. */
    @Test
    void importsAreForRegistrarsAndCioOfficesOfEveryRowsOrganisation() throws Exception {
        String csv = "organisation,name,phase\n" + OWN + ",Nieuw systeem,PLANNED\n";
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("registrar", TestIssuer.token("alice", "registrar:" + OWN));
        tokens.put("cio", TestIssuer.token("carol", "cio:" + OWN));
        tokens.put("stranger", TestIssuer.token("bob", "registrar:" + OTHER));
        tokens.put("viewer", TestIssuer.token("vera", "viewer:" + OWN));
        tokens.put("auditor", TestIssuer.token("audrey", "auditor:*"));
        tokens.put("admin", TestIssuer.token("adam", "admin"));
        for (Map.Entry<String, String> caller : tokens.entrySet()) {
            HttpResponse<String> dryRun = send("POST", "/api/imports?dryRun=true", caller.getValue(), csv, "Content-Type", "text/csv");
            if (List.of("registrar", "cio").contains(caller.getKey())) {
                assertThat(dryRun.statusCode()).as(caller.getKey() + " " + dryRun.body()).isEqualTo(200);
                assertThat(json.readTree(dryRun.body()).get("valid").asBoolean()).as(caller.getKey()).isTrue();
            } else if (caller.getKey().equals("stranger")) {
                // registrars of other organisations are told which rows they could not import
                assertThat(dryRun.statusCode()).isEqualTo(200);
                JsonNode report = json.readTree(dryRun.body());
                assertThat(report.get("valid").asBoolean()).isFalse();
                assertThat(report.get("problems").get(0).get("column").asString()).isEqualTo("organisation");
            } else {
                refused(403, dryRun);
            }
        }
        assertThat(send("POST", "/api/imports?dryRun=true", null, csv, "Content-Type", "text/csv").statusCode()).isEqualTo(401);
        long before = events();
        HttpResponse<String> mixed = send("POST", "/api/imports", tokens.get("registrar"), csv + OTHER + ",Ander systeem,PLANNED\n",
                "Content-Type", "text/csv");
        refused(403, mixed);
        assertThat(events()).isEqualTo(before);

        HttpResponse<String> imported = send("POST", "/api/imports", tokens.get("cio"), csv, "Content-Type", "text/csv", "X-Actor",
                "mallory");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(actorsOf(json.readTree(imported.body()).get("systems").get(0).get("systemId").asString())).containsExactly("carol");
    }

    private void refused(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).doesNotContain(OTHER).doesNotContain(SECRET_NAME).doesNotContain("Exception").doesNotContain("eu.aiact");
    }

    private static String registration(String organisation) {
        return """
                {"organisation":"%s","name":"%s","purpose":"Fraud detection","developedBy":"INTERNAL","generativeAi":false,
                 "role":"DEPLOYER","publicAuthority":true,"initialPhase":"PLANNED"}""".formatted(organisation, SECRET_NAME);
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    private List<String> actorsOf(String id) {
        return jdbc.queryForList("SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?", String.class, id)
                .stream().map(metadata -> json.readTree(metadata).get("actor").asString()).toList();
    }

    private HttpResponse<String> send(String method, String path, String token, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (!List.of(headers).contains("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
