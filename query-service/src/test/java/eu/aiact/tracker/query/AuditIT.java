package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What auditors ask, against a hand-worked history: a system classified minimal in January 2025, reclassified high in March 2026 with
 * effect from September 2024, renamed by a correction in April 2026; a second system registered in February 2026.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditIT {

    private static final String TOPIC = "it-audit-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
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
    void bothTimeAxesHistoryExportsAndARebuildThatChangesNothing() throws Exception {
        String organisation = "Rekenkamer casus " + UUID.randomUUID();
        String x = UUID.randomUUID().toString();
        String y = UUID.randomUUID().toString();
        LocalDate september2024 = LocalDate.of(2024, 9, 1);
        api.publish(x, 0, new AiSystemRegistered(x, organisation, "Fraudescore", "Scores applications", Phase.IN_USE, "Benefits",
                DevelopedBy.INTERNAL, null, null, false, Role.DEPLOYER, true, september2024), Instant.parse("2025-01-10T09:00:00Z"));
        api.publish(x, 1, new RiskClassified(x, september2024, RiskClass.MINIMAL, List.of(), false, GpaiRelation.NONE,
                "Only sorts the work queue", RiskClass.UNKNOWN, false), Instant.parse("2025-01-10T09:05:00Z"));
        api.publish(y, 0, new AiSystemRegistered(y, organisation, "Chatbot", "Answers questions", Phase.EXPERIMENT, "Service",
                DevelopedBy.PURCHASED, "Acme", null, true, Role.DEPLOYER, true, LocalDate.of(2026, 1, 15)),
                Instant.parse("2026-02-01T10:00:00Z"));
        api.publish(x, 2, new RiskClassified(x, september2024, RiskClass.HIGH,
                List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)")), false, GpaiRelation.NONE,
                "The score decides who is investigated: access to benefits", RiskClass.MINIMAL, false), Instant.parse("2026-03-01T09:00:00Z"));
        api.publish(x, 3, new FactCorrected(x, LocalDate.of(2026, 4, 1), CorrectableFact.NAME, "Fraudescore", "Risicoscore toeslagen",
                "Name as in the register"), Instant.parse("2026-04-01T09:00:00Z"));
        api.awaitJson("/api/systems/" + x, body -> body.path("version").asLong() == 3);
        api.awaitJson("/api/systems/" + y, body -> body.has("id"));

        // What the organisation knew on 1 June 2025 about X, and what it should have done by then.
        JsonNode known2025 = api.getJson("/api/systems/" + x + "/as-of?date=2025-06-01");
        assertThat(known2025.get("knownAt").asString()).startsWith("2025-06-0");
        assertThat(known2025.get("state").get("riskClass").asString()).isEqualTo("MINIMAL");
        assertThat(known2025.get("state").get("name").asString()).isEqualTo("Fraudescore");
        assertThat(known2025.get("rulebooks").get(0).asString()).isEqualTo("ai-act-2024");
        assertThat(known2025.get("obligations").findValuesAsString("code")).contains("ART4-LITERACY").doesNotContain("ART26-DEPLOYER-DUTIES");
        assertThat(status(known2025, "ART4-LITERACY")).isEqualTo("OVERDUE");

        // What was true on 1 June 2025 as the records say today: high-risk since September 2024, under its corrected name.
        JsonNode trueThen = api.getJson("/api/systems/" + x + "/as-of?date=2025-06-01&knownAt=2026-11-01T00:00:00Z");
        assertThat(trueThen.get("state").get("riskClass").asString()).isEqualTo("HIGH");
        assertThat(trueThen.get("state").get("name").asString()).isEqualTo("Risicoscore toeslagen");
        assertThat(trueThen.get("obligations").findValuesAsString("code")).contains("ART26-DEPLOYER-DUTIES");
        // Known in March 2026, before the correction: high-risk, old name.
        JsonNode march2026 = api.getJson("/api/systems/" + x + "/as-of?date=2025-06-01&knownAt=2026-03-15");
        assertThat(march2026.get("state").get("riskClass").asString()).isEqualTo("HIGH");
        assertThat(march2026.get("state").get("name").asString()).isEqualTo("Fraudescore");
        // Before it existed (effective axis), before it was recorded (recorded axis), bad input.
        assertThat(api.get("/api/systems/" + x + "/as-of?date=2024-08-15&knownAt=2026-11-01").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/systems/" + x + "/as-of?date=2025-01-05").statusCode()).isEqualTo(404);
        assertThat(api.get("/api/systems/" + x + "/as-of?date=2025-06-01&knownAt=yesterday").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/systems/" + x + "/as-of?date=2024-05-01&knownAt=2026-11-01").statusCode()).isEqualTo(400);

        // The portfolio: in June 2025 the organisation knew one system; today it knows two.
        String portfolio = "/api/organisations/" + QueryApi.encode(organisation) + "/as-of?date=2025-06-01";
        JsonNode then = api.getJson(portfolio);
        assertThat(then.get("systems").findValuesAsString("systemId")).containsExactly(x);
        assertThat(then.get("obligationsByStatus").get("OVERDUE").asLong()).isPositive();
        JsonNode later = api.getJson("/api/organisations/" + QueryApi.encode(organisation) + "/as-of?date=2026-06-01&knownAt=2026-11-01");
        assertThat(later.get("systems").findValuesAsString("systemId")).containsExactlyInAnyOrder(x, y);

        // History of the organisation, filtered and paged; exports of the same events.
        String history = "/api/history?organisation=" + QueryApi.encode(organisation);
        JsonNode all = api.getJson(history);
        assertThat(all.findValuesAsString("eventId")).containsExactly(x + "-0", x + "-1", y + "-0", x + "-2", x + "-3");
        assertThat(all.get(0).get("organisation").asString()).isEqualTo(organisation);
        assertThat(all.get(0).get("metadata").get("actor").asString()).isEqualTo("test");
        assertThat(api.getJson(history + "&type=RiskClassified").findValuesAsString("eventId")).containsExactly(x + "-1", x + "-2");
        assertThat(api.getJson(history + "&recordedFrom=2026-01-01&recordedTo=2026-03-15").findValuesAsString("eventId"))
                .containsExactly(y + "-0", x + "-2");
        assertThat(api.getJson(history + "&limit=2&offset=1").findValuesAsString("eventId")).containsExactly(x + "-1", y + "-0");
        assertThat(api.get(history + "&recordedFrom=soon").statusCode()).isEqualTo(400);

        HttpResponse<String> jsonl = api.get("/api/history/export?format=jsonl&organisation=" + QueryApi.encode(organisation));
        assertThat(jsonl.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/x-ndjson"));
        List<String> lines = jsonl.body().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(json.readTree(lines.get(3)).get("payload").get("riskClass").asString()).isEqualTo("HIGH");
        HttpResponse<String> csv = api.get("/api/history/export?format=csv&organisation=" + QueryApi.encode(organisation));
        List<String> rows = csv.body().lines().toList();
        assertThat(rows.get(0)).isEqualTo("event_id,system_id,organisation,sequence_number,type,effective_date,recorded_at,actor,reason,"
                + "correlation_id,payload");
        assertThat(rows).hasSize(6);
        assertThat(rows.get(4)).startsWith(x + "-2," + x + ",").contains(",RiskClassified,2024-09-01,2026-03-01T09:00:00Z,test,")
                .contains("\"\"riskClass\"\":\"\"HIGH\"\"").startsWith(x + "-2");
        assertThat(api.get("/api/history/export?format=xml").statusCode()).isEqualTo(400);

        // A rebuild replays the topic into exactly the same projection, and shows its progress.
        String obligations = "/api/obligations?organisation=" + QueryApi.encode(organisation);
        String systems = "/api/systems?organisation=" + QueryApi.encode(organisation);
        JsonNode obligationsBefore = api.getJson(obligations);
        JsonNode systemsBefore = api.getJson(systems);
        assertThat(obligationsBefore.size()).isPositive();
        HttpResponse<String> rebuild = api.post("/api/admin/projections/systems/rebuild");
        assertThat(rebuild.statusCode()).isEqualTo(202);
        JsonNode progress = api.awaitJson("/api/admin/projections/systems/rebuild", body -> !body.get("running").asBoolean());
        assertThat(progress.get("eventsDone").asLong()).isGreaterThanOrEqualTo(progress.get("eventsTotal").asLong()).isPositive();
        assertThat(api.awaitJson(systems, body -> body.size() == 2)).isEqualTo(systemsBefore);
        assertThat(api.awaitJson(obligations, body -> body.size() == obligationsBefore.size())).isEqualTo(obligationsBefore);
        assertThat(api.getJson(history)).isEqualTo(all);
    }

    private static String status(JsonNode view, String code) {
        for (JsonNode obligation : view.get("obligations")) {
            if (obligation.get("code").asString().equals(code)) {
                return obligation.get("status").asString();
            }
        }
        return null;
    }
}
