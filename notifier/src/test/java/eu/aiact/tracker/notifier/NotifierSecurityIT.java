package eu.aiact.tracker.notifier;

import eu.aiact.tracker.testsupport.ApiDescriptionCheck;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.beans.factory.annotation.Qualifier;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.DevIssuer;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestIssuer;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertKind;
import eu.aiact.tracker.notifier.alert.AlertRepository;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.alert.Severity;
import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsRepository;
import eu.aiact.tracker.notifier.seen.SeenEvent;
import eu.aiact.tracker.notifier.seen.SeenEventRepository;
import eu.aiact.tracker.notifier.tracking.TrackingRepository;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every notifier endpoint under real bearer tokens, against real PostgreSQL and Kafka: refused without a token or with a bad one (401),
 * refused for roles and organisations that may not use it (403, nothing changed, no data of any organisation in the answer), allowed for
 * those that may. Alerts and previews of a caller limited to some organisations hold only theirs, whatever it filters on.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("development")
class NotifierSecurityIT {

    private static final String SCHEMA = "notifier_security_it";
    private static final String OWN = "Gemeente Veilig";
    private static final String OTHER = "Provincie Anders";
    private static final String THIRD = "Waterschap Derde";
    /** No recipients are ever configured for it. */
    private static final String UNCONFIGURED = "Stichting Leeg";
    /** Only the CIO office of all organisations configures it. */
    private static final String CENTRAL = "Rijksdienst Centraal";

    private static final String OWN_SYSTEM = "own-" + UUID.randomUUID();
    private static final String OTHER_SYSTEM = "other-" + UUID.randomUUID();
    private static final String THIRD_SYSTEM = "third-" + UUID.randomUUID();
    private static final String ACK_OWN = "ack-own-system";
    private static final String ACK_OTHER = "ack-other-system";
    private static final String OWN_CIO = "cio@gemeente-veilig.test";
    private static final String OWN_SECRET = "gemeente-veilig-webhook-secret-1";
    private static final String OTHER_CIO = "cio@provincie-anders.test";
    private static final String OTHER_REVIEWER = "review@provincie-anders.test";
    private static final String OTHER_WEBHOOK = "http://127.0.0.1:9/provincie-anders-hook";
    private static final String OTHER_SECRET = "provincie-anders-webhook-secret-2";
    private static final String OTHER_SYSTEM_NAME = "Geheime fraudescore";
    /** No refused answer may contain any of these (the organisation names themselves are in the request paths, so they are not here). */
    private static final List<String> PRIVATE = List.of(OWN_CIO, OWN_SECRET, OTHER_CIO, OTHER_REVIEWER, OTHER_WEBHOOK, OTHER_SECRET,
            OTHER_SYSTEM_NAME, OTHER_SYSTEM, OWN_SYSTEM, THIRD_SYSTEM);

    /** Far enough ahead that no sweep on any date these tests set creates an alert; previews look at it through {@link #PREVIEW_ON}. */
    private static final LocalDate DUE = LocalDate.of(2040, 6, 1);
    private static final LocalDate PREVIEW_ON = DUE.minusDays(20);

    @Autowired
    private Environment environment;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;
    @Autowired
    private AlertRepository alerts;
    @Autowired
    private RecipientsRepository recipients;
    @Autowired
    private TrackingRepository tracking;
    @Autowired
    private SeenEventRepository seen;
    @Autowired
    private NotifierClock clock;
    @Autowired
    private TransactionTemplate transactions;

    private final HttpClient http = HttpClient.newHttpClient();
    private long deadLetter;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties(SCHEMA).forEach((name, value) -> registry.add(name, () -> value));
        TestIssuer.springProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.consumer.group-id", () -> "notifier-security-it");
        registry.add("tracker.events-topic", () -> "it-notifier-security-events");
        registry.add("tracker.obligations-topic", () -> "it-notifier-security-obligations");
        registry.add("tracker.notifier.alerts-topic", () -> "it-notifier-security-alerts");
        registry.add("tracker.notifier.sweep-interval", () -> "PT1H");
        registry.add("tracker.notifier.sweep-initial-delay", () -> "PT1H");
        registry.add("tracker.notifier.dispatch-interval", () -> "PT1H");
        registry.add("tracker.notifier.channels.webhook.allowed-targets", () -> "127.0.0.1");
    }

    /** Known state before each test: alerts, tracked systems and recipients of three organisations, a seen event and a dead letter. */
    @BeforeEach
    void data() {
        Instant now = Instant.now();
        for (String[] stored : new String[][] {{OWN, OWN_SYSTEM, "ART27-FRIA"}, {OWN, OWN_SYSTEM, "ART26-LOGS"},
                {OTHER, OTHER_SYSTEM, "ART27-FRIA"}, {THIRD, THIRD_SYSTEM, "ART27-FRIA"},
                // acknowledged in the tests: their keys are in request paths, which refusals may echo (they hold nothing private)
                {THIRD, ACK_OWN, "ART27-FRIA"}, {OTHER, ACK_OTHER, "ART27-FRIA"}}) {
            alerts.insert(alert(stored[0], stored[1], stored[2]), false);
        }
        transactions.executeWithoutResult(status -> {
            tracking.replace(obligations(OWN_SYSTEM, OWN, "Bijstandsrobot"), now);
            tracking.replace(obligations(OTHER_SYSTEM, OTHER, OTHER_SYSTEM_NAME), now);
            tracking.replace(obligations(THIRD_SYSTEM, THIRD, "Dijkbewaking"), now);
        });
        recipients.save(new Recipients(OTHER, OTHER_CIO, List.of(OTHER_REVIEWER), OTHER_WEBHOOK, OTHER_SECRET, false), now);
        seen.record(new SeenEvent("evt-" + OTHER_SYSTEM, OTHER_SYSTEM, 0, "AiSystemRegistered", OTHER, now, now));
        jdbc.update("DELETE FROM delivery WHERE status = 'DEAD'");
        deadLetter = jdbc.queryForObject("""
                INSERT INTO delivery (alert_key, channel, organisation, status, attempts, next_attempt_at, last_error, created_at)
                VALUES (?, 'KAFKA', ?, 'DEAD', 6, now(), 'test', now()) RETURNING id""", Long.class,
                OTHER + "|" + OTHER_SYSTEM + "|dead|" + UUID.randomUUID(), OTHER);
        clock.reset();
    }

    /** The REST surface is described as OpenAPI 3.1, every endpoint with its problem responses, readable without a token. */
    @Test
    void everyEndpointIsDescribedWithItsProblemResponses() throws Exception {
        ApiDescriptionCheck.everyEndpointIsDescribed("http://localhost:" + environment.getProperty("local.server.port"), mappings);
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401AndChangesNothing() throws Exception {
        Map<String, Object> before = recipientsRow(OTHER);
        long alertsBefore = count("alert");
        String expired = TestIssuer.get().mint("alice", List.of("cio:" + OWN, "admin"), Duration.ofSeconds(-120));
        try (DevIssuer stranger = DevIssuer.start(0, null, Map.of(), Map.of())) {
            String foreign = stranger.mint("alice", List.of("cio:*", "admin"), Duration.ofHours(1));
            List<String> bad = List.of(expired, foreign, "not-a-jwt", TestIssuer.token("alice", "cio:*", "admin") + "x");
            for (Call call : everyEndpoint()) {
                HttpResponse<String> none = send(call, null);
                refused(401, none, call);
                assertThat(none.headers().firstValue("WWW-Authenticate")).as(call.toString()).hasValue("Bearer");
                assertThat(json.readTree(none.body()).get("detail").asString()).contains("bearer token");
                for (String token : bad) {
                    HttpResponse<String> refused = send(call, token);
                    refused(401, refused, call);
                    assertThat(refused.headers().firstValue("WWW-Authenticate")).as(call.toString()).hasValue("Bearer error=\"invalid_token\"");
                    assertThat(refused.body()).doesNotContain(token).doesNotContain("alice");
                }
            }
        }
        assertThat(recipientsRow(OTHER)).isEqualTo(before);
        assertThat(clock.isSet()).isFalse();
        assertThat(deliveryStatus(deadLetter)).isEqualTo("DEAD");
        assertThat(count("alert")).isEqualTo(alertsBefore);
        // health is open (DOWN here, 503, as no SMTP server runs for this test); info too
        assertThat(send("GET", "/actuator/health", null, null).statusCode()).isIn(200, 503);
        assertThat(send("GET", "/actuator/info", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyTheAdministratorRunsTheNotifier() throws Exception {
        List<String> others = List.of(TestIssuer.token("alice", "registrar:*"), TestIssuer.token("carol", "cio:*"),
                TestIssuer.token("audrey", "auditor:*"), TestIssuer.token("vera", "viewer:*"), TestIssuer.token("olga", "cio:" + OWN,
                        "auditor:" + OWN, "registrar:" + OWN, "viewer:" + OWN), TestIssuer.token("nobody"));
        List<Call> adminCalls = everyEndpoint().stream().filter(call -> call.path().startsWith("/api/admin")
                || call.path().startsWith("/api/seen-events")).toList();
        assertThat(adminCalls).hasSize(14);
        long alertsBefore = count("alert");
        for (Call call : adminCalls) {
            for (String token : others) {
                refused(403, send(call, token), call);
            }
        }
        assertThat(clock.isSet()).isFalse();
        assertThat(deliveryStatus(deadLetter)).isEqualTo("DEAD");
        assertThat(count("alert")).isEqualTo(alertsBefore);
        refused(403, send("GET", "/actuator/prometheus", TestIssuer.token("carol", "cio:*"), null), null);

        String admin = TestIssuer.token("adam", "admin");
        assertThat(ok(send("GET", "/api/admin/clock", admin, null)).get("set").asBoolean()).isFalse();
        assertThat(ok(send("PUT", "/api/admin/clock", admin, "{\"date\":\"2031-01-01\"}")).get("date").asString()).isEqualTo("2031-01-01");
        assertThat(clock.today()).isEqualTo(LocalDate.of(2031, 1, 1));
        assertThat(ok(send("POST", "/api/admin/sweeps", admin, null)).get("date").asString()).isEqualTo("2031-01-01");
        for (String outOfRange : List.of("/api/admin/sweeps?limit=-1", "/api/admin/sweeps?limit=100001")) {
            HttpResponse<String> bad = send("POST", outOfRange, admin, null);
            assertThat(bad.statusCode()).as(outOfRange + ": " + bad.body()).isEqualTo(400);
            assertThat(bad.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        }
        assertThat(send("GET", "/api/admin/dead-letters?limit=0", admin, null).statusCode()).isEqualTo(400);
        // issue 15: errors name what is wrong and what is accepted, not Java's internals
        HttpResponse<String> dutchDate = send("PUT", "/api/admin/clock", admin, "{\"date\":\"15-11-2027\"}");
        assertThat(dutchDate.statusCode()).isEqualTo(400);
        assertThat(json.readTree(dutchDate.body()).get("detail").asString()).contains("'date'").contains("YYYY-MM-DD")
                .doesNotContain("EXCEEDS_PAD").doesNotContain("Value(");
        HttpResponse<String> zero = send("GET", "/api/admin/dead-letters?limit=0", admin, null);
        assertThat(json.readTree(zero.body()).get("detail").asString()).contains("limit").contains("1 to 1000");
        assertThat(send("GET", "/api/alerts?limit=5000", TestIssuer.token("carol", "cio:*"), null).statusCode()).isEqualTo(400);
        assertThat(ok(send("DELETE", "/api/admin/clock", admin, null)).get("set").asBoolean()).isFalse();
        assertThat(clock.isSet()).isFalse();
        List<Long> dead = new ArrayList<>();
        ok(send("GET", "/api/admin/dead-letters", admin, null)).forEach(delivery -> dead.add(delivery.get("id").asLong()));
        assertThat(dead).containsExactly(deadLetter);
        assertThat(ok(send("POST", "/api/admin/dead-letters/" + deadLetter + "/retry", admin, null)).get("status").asString())
                .isEqualTo("PENDING");
        assertThat(ok(send("POST", "/api/admin/dispatches", admin, null)).has("sent")).isTrue();
        assertThat(ok(send("GET", "/api/seen-events?systemId=" + OTHER_SYSTEM, admin, null)).get(0).get("organisation").asString())
                .isEqualTo(OTHER);
        assertThat(send("GET", "/actuator/prometheus", admin, null).statusCode()).isEqualTo(200);

        // the simulations: listed, read, discarded; the intake's replay
        JsonNode simulated = json.readTree(send("POST", "/api/admin/simulations", admin, "{\"date\":\"2031-01-01\"}").body());
        long simulation = simulated.get("simulation").get("id").asLong();
        assertThat(ok(send("GET", "/api/admin/simulations", admin, null)).findValuesAsString("requestedBy")).contains("adam");
        assertThat(ok(send("GET", "/api/admin/simulations/" + simulation, admin, null)).get("simulation").get("date").asString())
                .isEqualTo("2031-01-01");
        assertThat(send("DELETE", "/api/admin/simulations/" + simulation, admin, null).statusCode()).isEqualTo(204);
        assertThat(send("GET", "/api/admin/simulations/" + simulation, admin, null).statusCode()).isEqualTo(404);
        assertThat(send("POST", "/api/admin/intake/replay", admin, null).statusCode()).isEqualTo(202);
        assertThat(ok(send("GET", "/api/admin/intake/replay", admin, null)).has("replayedUntil")).isTrue();
        // the coverage view of every organisation is the administrator's too
        assertThat(ok(send("GET", "/api/coverage", admin, null)).get("organisations").findValuesAsString("organisation"))
                .contains(OWN, OTHER, THIRD);

        // the administrator runs the platform; it reads and configures no organisation's alerts
        for (Call call : everyEndpoint()) {
            if (!adminCalls.contains(call) && !call.path().startsWith("/api/coverage")) {
                refused(403, send(call, admin), call);
            }
        }
        // what no rule names is closed to everybody
        refused(403, send("GET", "/api/organisations/" + encode(OWN), admin, null), null);
        refused(403, send("DELETE", "/api/organisations/" + encode(OWN) + "/recipients", TestIssuer.token("carol", "cio:*"), null), null);
        refused(403, send("POST", "/api/alerts", TestIssuer.token("carol", "cio:*"), "{}"), null);
    }

    @Test
    void recipientsAreConfiguredByTheOrganisationsCioOfficeAndReadByItAndItsAuditors() throws Exception {
        String cio = TestIssuer.token("carol", "cio:" + OWN);
        String body = """
                {"cioOffice":"%s","reviewers":["review@gemeente-veilig.test"],"webhookUrl":"http://127.0.0.1:9/own",
                 "webhookSecret":"%s","digest":false}""".formatted(OWN_CIO, OWN_SECRET);
        HttpResponse<String> put = send("PUT", recipientsPath(OWN), cio, body);
        assertThat(ok(put).get("webhookSecret").asString()).isEqualTo("set");
        assertThat(put.body()).doesNotContain(OWN_SECRET);
        assertThat((String) recipientsRow(OWN).get("webhook_secret")).startsWith("v1:").doesNotContain(OWN_SECRET);
        assertThat(recipients.find(OWN).orElseThrow().webhookSecret()).as("stored encrypted, read back").isEqualTo(OWN_SECRET);

        for (String reader : List.of(cio, TestIssuer.token("audrey", "auditor:" + OWN), TestIssuer.token("chris", "cio:*"),
                TestIssuer.token("anna", "auditor:*"), TestIssuer.token("vic", "viewer:" + OWN, "auditor:" + OWN))) {
            HttpResponse<String> read = send("GET", recipientsPath(OWN), reader, null);
            JsonNode recipientsOfOwn = ok(read);
            assertThat(recipientsOfOwn.get("cioOffice").asString()).isEqualTo(OWN_CIO);
            assertThat(recipientsOfOwn.get("webhookSecret").asString()).isEqualTo("set");
            assertThat(read.body()).doesNotContain(OWN_SECRET).doesNotContain(OTHER_CIO);
        }

        Map<String, Object> own = recipientsRow(OWN);
        String changed = body.replace(OWN_CIO, "mallory@evil.test");
        List<String> mayNotRead = List.of(TestIssuer.token("alice", "registrar:" + OWN), TestIssuer.token("vera", "viewer:" + OWN),
                TestIssuer.token("adam", "admin"), TestIssuer.token("bob", "cio:" + OTHER), TestIssuer.token("bea", "auditor:" + OTHER),
                TestIssuer.token("rob", "registrar:*"), TestIssuer.token("val", "viewer:*"), TestIssuer.token("nobody"));
        for (String token : mayNotRead) {
            refused(403, send("GET", recipientsPath(OWN), token, null), null);
        }
        for (String token : concat(mayNotRead, TestIssuer.token("audrey", "auditor:" + OWN), TestIssuer.token("anna", "auditor:*"))) {
            refused(403, send("PUT", recipientsPath(OWN), token, changed), null);
        }
        assertThat(recipientsRow(OWN)).isEqualTo(own);
    }

    @Test
    void oneOrganisationsCioOfficeNeitherReadsNorChangesAnothersRecipients() throws Exception {
        String cio = TestIssuer.token("carol", "cio:" + OWN);
        Map<String, Object> other = recipientsRow(OTHER);
        String takeOver = """
                {"cioOffice":"carol@gemeente-veilig.test","webhookUrl":"http://127.0.0.1:9/stolen","webhookSecret":"%s"}"""
                .formatted(OWN_SECRET);
        refused(403, send("GET", recipientsPath(OTHER), cio, null), null);
        refused(403, send("PUT", recipientsPath(OTHER), cio, takeOver), null);
        // refused before the body is read: what it sends makes no difference
        refused(403, send("PUT", recipientsPath(OTHER), cio, "{}"), null);
        refused(403, send("PUT", recipientsPath(OTHER), cio, "not json"), null);
        assertThat(recipientsRow(OTHER)).isEqualTo(other);

        // whether an organisation has recipients is told only to those who may read them
        refused(403, send("GET", recipientsPath(UNCONFIGURED), cio, null), null);
        HttpResponse<String> missing = send("GET", recipientsPath(UNCONFIGURED), TestIssuer.token("una", "cio:" + UNCONFIGURED), null);
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("detail").asString()).contains("No recipients configured");

        // an auditor's grant for the other organisation lets the same person read, not write, its recipients
        String cioAndAuditor = TestIssuer.token("carol", "cio:" + OWN, "auditor:" + OTHER);
        HttpResponse<String> read = send("GET", recipientsPath(OTHER), cioAndAuditor, null);
        assertThat(ok(read).get("cioOffice").asString()).isEqualTo(OTHER_CIO);
        assertThat(read.body()).doesNotContain(OTHER_SECRET);
        refused(403, send("PUT", recipientsPath(OTHER), cioAndAuditor, takeOver), null);
        assertThat(recipientsRow(OTHER)).isEqualTo(other);

        // a CIO office of every organisation configures any of them
        ok(send("PUT", recipientsPath(CENTRAL), TestIssuer.token("chris", "cio:*"), "{\"cioOffice\":\"cio@centraal.test\"}"));
        assertThat(recipientsRow(CENTRAL).get("cio_office")).isEqualTo("cio@centraal.test");
    }

    @Test
    void everyOrganisationRoleSeesTheAlertsOfItsOwnOrganisationOnly() throws Exception {
        for (String role : List.of("registrar", "cio", "auditor", "viewer")) {
            String token = TestIssuer.token(role + "-user", role + ":" + OWN);
            assertThat(alertOrganisations(send("GET", "/api/alerts", token, null))).as(role).contains(OWN).containsOnly(OWN);
            assertThat(alertOrganisations(send("GET", "/api/alerts?organisation=" + encode(OWN), token, null))).as(role).containsOnly(OWN)
                    .isNotEmpty();
            assertThat(alertOrganisations(send("GET", "/api/alerts?systemId=" + OWN_SYSTEM, token, null))).as(role).containsOnly(OWN)
                    .isNotEmpty();
            refused(403, send("GET", "/api/alerts?organisation=" + encode(OTHER), token, null), null);
            refused(403, send("GET", "/api/alerts?organisation=" + encode(OTHER) + "&systemId=" + OTHER_SYSTEM, token, null), null);
            // another organisation's system gives nothing, as a system that does not exist would
            assertThat(ok(send("GET", "/api/alerts?systemId=" + OTHER_SYSTEM, token, null))).as(role).isEmpty();
            assertThat(ok(send("GET", "/api/alerts?organisation=" + encode(OWN) + "&systemId=" + OTHER_SYSTEM, token, null))).as(role).isEmpty();

            HttpResponse<String> preview = send("GET", "/api/alerts/preview?asOf=" + PREVIEW_ON, token, null);
            assertThat(previewOrganisations(preview)).as(role).contains(OWN).containsOnly(OWN);
            assertThat(preview.body()).doesNotContain(OTHER).doesNotContain(OTHER_SYSTEM_NAME);
            assertThat(previewOrganisations(send("GET", "/api/alerts/preview?asOf=" + PREVIEW_ON + "&organisation=" + encode(OWN), token,
                    null))).as(role).containsOnly(OWN).isNotEmpty();
            refused(403, send("GET", "/api/alerts/preview?asOf=" + PREVIEW_ON + "&organisation=" + encode(OTHER), token, null), null);
        }
    }

    @Test
    void alertsOfSeveralOrganisationsComePagedAndOnlyFromThoseGranted() throws Exception {
        String twoOrganisations = TestIssuer.token("vera", "viewer:" + OWN, "viewer:" + THIRD);
        assertThat(alertOrganisations(send("GET", "/api/alerts", twoOrganisations, null))).containsOnly(OWN, THIRD).contains(OWN, THIRD);
        assertThat(previewOrganisations(send("GET", "/api/alerts/preview?asOf=" + PREVIEW_ON, twoOrganisations, null)))
                .containsOnly(OWN, THIRD).contains(OWN, THIRD);

        // the newest alerts are of other organisations: a page is filled with the caller's own, not filtered after the fact
        String cio = TestIssuer.token("carol", "cio:" + OWN);
        JsonNode first = ok(send("GET", "/api/alerts?limit=1", cio, null));
        JsonNode second = ok(send("GET", "/api/alerts?limit=1&offset=1", cio, null));
        assertThat(first).hasSize(1);
        assertThat(second).hasSize(1);
        assertThat(List.of(first.get(0).get("alert").get("key").asString(), second.get(0).get("alert").get("key").asString()))
                .containsExactlyInAnyOrder(key(OWN, OWN_SYSTEM, "ART27-FRIA"), key(OWN, OWN_SYSTEM, "ART26-LOGS"));
        assertThat(ok(send("GET", "/api/alerts?limit=1&offset=2", cio, null))).isEmpty();

        for (String everything : List.of(TestIssuer.token("anna", "auditor:*"), TestIssuer.token("val", "viewer:*"))) {
            assertThat(alertOrganisations(send("GET", "/api/alerts", everything, null))).contains(OWN, OTHER, THIRD);
            assertThat(alertOrganisations(send("GET", "/api/alerts?systemId=" + OTHER_SYSTEM, everything, null))).containsOnly(OTHER)
                    .isNotEmpty();
            assertThat(previewOrganisations(send("GET", "/api/alerts/preview?asOf=" + PREVIEW_ON, everything, null))).contains(OWN, OTHER,
                    THIRD);
        }
        refused(403, send("GET", "/api/alerts", TestIssuer.token("nobody"), null), null);
    }

    @Test
    void theCoverageViewShowsACioOfficeItsOwnOrganisationsAndTheAdministratorAll() throws Exception {
        JsonNode own = ok(send("GET", "/api/coverage", TestIssuer.token("carol", "cio:" + OWN), null));
        assertThat(own.get("organisations").findValuesAsString("organisation")).containsExactly(OWN);
        assertThat(own.has("platform")).isFalse();
        assertThat(own.toString()).doesNotContain(OTHER).doesNotContain(OTHER_SYSTEM_NAME);
        JsonNode unconfigured = ok(send("GET", "/api/coverage", TestIssuer.token("una", "cio:" + UNCONFIGURED), null));
        assertThat(unconfigured.get("uncovered").get(0).asString()).isEqualTo(UNCONFIGURED);
        assertThat(ok(send("GET", "/api/coverage", TestIssuer.token("chris", "cio:*"), null)).get("organisations")
                .findValuesAsString("organisation")).contains(OWN, OTHER, THIRD);
        refused(403, send("GET", "/api/coverage?organisation=" + encode(OTHER), TestIssuer.token("carol", "cio:" + OWN), null), null);
        for (String token : List.of(TestIssuer.token("alice", "registrar:*"), TestIssuer.token("audrey", "auditor:*"),
                TestIssuer.token("vera", "viewer:*"), TestIssuer.token("nobody"))) {
            refused(403, send("GET", "/api/coverage", token, null), null);
        }
    }

    @Test
    void onlyTheOrganisationsCioOfficeAcknowledgesItsAlerts() throws Exception {
        String path = "/api/alerts/" + encode(key(THIRD, ACK_OWN, "ART27-FRIA")) + "/acknowledgements";
        String otherPath = "/api/alerts/" + encode(key(OTHER, ACK_OTHER, "ART27-FRIA")) + "/acknowledgements";
        String body = "{\"note\":\"FRIA planned\",\"owner\":\"J. Jansen\"}";
        long before = count("acknowledgement");
        for (String token : List.of(TestIssuer.token("alice", "registrar:" + THIRD), TestIssuer.token("audrey", "auditor:" + THIRD),
                TestIssuer.token("vera", "viewer:" + THIRD), TestIssuer.token("adam", "admin"), TestIssuer.token("nobody"))) {
            refused(403, send("POST", path, token, body), null);
        }
        // another organisation's alert is answered as one that does not exist
        HttpResponse<String> other = send("POST", otherPath, TestIssuer.token("carol", "cio:" + THIRD), body);
        refused(404, other, null);
        refused(404, send("POST", "/api/alerts/" + encode(key(THIRD, ACK_OWN, "NO-SUCH")) + "/acknowledgements",
                TestIssuer.token("carol", "cio:" + THIRD), body), null);
        assertThat(count("acknowledgement")).isEqualTo(before);

        HttpResponse<String> acknowledged = send("POST", path, TestIssuer.token("carol", "cio:" + THIRD), body);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(201);
        JsonNode answer = json.readTree(acknowledged.body());
        assertThat(answer.get("acknowledgedBy").asString()).as("the token's subject").isEqualTo("carol");
        assertThat(answer.get("owner").asString()).isEqualTo("J. Jansen");
        JsonNode listed = ok(send("GET", "/api/alerts?organisation=" + encode(THIRD), TestIssuer.token("vera", "viewer:" + THIRD), null));
        assertThat(listed.findValues("acknowledgements").stream().flatMap(a -> a.valueStream()).map(a -> a.get("note").asString()))
                .contains("FRIA planned");
    }

    // ---------------------------------------------------------------- helpers

    /** One request to one endpoint; sent with different tokens. */
    private record Call(String method, String path, String body) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Every endpoint of the notifier, each once, with a request that would succeed for a caller allowed to make it. */
    private List<Call> everyEndpoint() {
        String recipientsBody = "{\"cioOffice\":\"mallory@evil.test\",\"webhookUrl\":\"http://127.0.0.1:9/stolen\",\"webhookSecret\":\""
                + OWN_SECRET + "\"}";
        return List.of(new Call("GET", "/api/alerts", null),
                new Call("GET", "/api/alerts?organisation=" + encode(OTHER) + "&systemId=" + OTHER_SYSTEM, null),
                new Call("GET", "/api/alerts/preview?asOf=" + PREVIEW_ON + "&organisation=" + encode(OTHER), null),
                new Call("GET", recipientsPath(OTHER), null),
                new Call("PUT", recipientsPath(OTHER), recipientsBody),
                new Call("GET", "/api/seen-events?systemId=" + OTHER_SYSTEM, null),
                new Call("GET", "/api/admin/clock", null),
                new Call("PUT", "/api/admin/clock", "{\"date\":\"2031-01-01\"}"),
                new Call("DELETE", "/api/admin/clock", null),
                new Call("POST", "/api/admin/sweeps", null),
                new Call("POST", "/api/admin/dispatches", null),
                new Call("GET", "/api/admin/dead-letters", null),
                new Call("POST", "/api/admin/dead-letters/" + deadLetter + "/retry", null),
                new Call("POST", "/api/admin/simulations", "{\"date\":\"2031-01-01\"}"),
                new Call("GET", "/api/admin/simulations", null),
                new Call("GET", "/api/admin/simulations/1", null),
                new Call("DELETE", "/api/admin/simulations/1", null),
                new Call("POST", "/api/admin/intake/replay", null),
                new Call("GET", "/api/admin/intake/replay", null),
                new Call("GET", "/api/coverage?organisation=" + encode(OTHER), null),
                new Call("POST", "/api/alerts/" + encode(key(OTHER, ACK_OTHER, "ART27-FRIA")) + "/acknowledgements",
                        "{\"note\":\"seen\",\"owner\":\"mallory\"}"));
    }

    private void refused(int status, HttpResponse<String> response, Call call) {
        String what = (call == null ? response.request().method() + " " + response.uri() : call.toString()) + ": " + response.body();
        assertThat(response.statusCode()).as(what).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).as(what)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).as(what).doesNotContain("Exception").doesNotContain("eu.aiact");
        for (String secret : PRIVATE) {
            assertThat(response.body()).as(what).doesNotContain(secret);
        }
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).as(what).doesNotContain(OWN).doesNotContain(OTHER).doesNotContain(THIRD)
                .doesNotContain(UNCONFIGURED);
    }

    private JsonNode ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private List<String> alertOrganisations(HttpResponse<String> response) {
        List<String> organisations = new ArrayList<>();
        ok(response).forEach(entry -> organisations.add(entry.get("alert").get("organisation").asString()));
        return organisations;
    }

    private List<String> previewOrganisations(HttpResponse<String> response) {
        JsonNode body = ok(response);
        List<String> organisations = new ArrayList<>();
        body.get("wouldCreate").forEach(alert -> organisations.add(alert.get("organisation").asString()));
        // stored keys start with the organisation
        body.get("alreadyStored").forEach(key -> organisations.add(key.asString().substring(0, key.asString().indexOf('|'))));
        return organisations;
    }

    private HttpResponse<String> send(Call call, String token) throws Exception {
        return send(call.method(), call.path(), token, call.body());
    }

    private HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + environment.getProperty("local.server.port") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> recipientsRow(String organisation) {
        return jdbc.queryForMap("SELECT * FROM recipients WHERE organisation = ?", organisation);
    }

    private String deliveryStatus(long id) {
        return jdbc.queryForObject("SELECT status FROM delivery WHERE id = ?", String.class, id);
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private static Alert alert(String organisation, String systemId, String code) {
        return new Alert(key(organisation, systemId, code), AlertKind.HORIZON, Severity.WARNING, Audience.CIO_OFFICE, organisation, systemId,
                organisation.equals(OTHER) ? OTHER_SYSTEM_NAME : "System of " + organisation, code, "Title of " + code, "Art. 27", "Reg. 2024/1689",
                DUE, 30, 30, "Because " + code + " applies", code + " due in 30 days", null, List.of(), DUE.minusDays(30), Instant.now());
    }

    private static String key(String organisation, String systemId, String code) {
        return Alert.key(organisation, systemId, code, "H30");
    }

    private static SystemObligations obligations(String systemId, String organisation, String name) {
        return new SystemObligations(systemId, organisation, name, Phase.IN_USE, false, RiskClass.HIGH, null, LocalDate.of(2030, 1, 1), null, 1,
                LocalDate.now(), Instant.now(), List.of(new ObligationItem("ART9-RISK", "Risk management", "Art. 9", Role.DEPLOYER, DUE,
                        ObligationStatus.NOT_YET_DUE, "ai-act-2024", "High risk", "Reg. 2024/1689, Art. 9")));
    }

    private static String recipientsPath(String organisation) {
        return "/api/organisations/" + encode(organisation) + "/recipients";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> concat(List<String> first, String... more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
