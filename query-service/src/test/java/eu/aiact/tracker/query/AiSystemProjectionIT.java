package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AssessmentRecorded;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.api.system.SignificantModificationRecorded;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query service fed from a real Kafka topic into real PostgreSQL, read back through its REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AiSystemProjectionIT {

    private static final String TOPIC = "it-query-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.rulebooks.applier.enabled", () -> "false");
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
    void registeredSystemsAreServedOneByOneAndPerOrganisationAndDuplicatesChangeNothing() throws Exception {
        String organisation = "Org " + UUID.randomUUID();
        String first = publishRegistration(organisation, "Alpha", Phase.EXPERIMENT, true);
        String second = publishRegistration(organisation, "Beta", Phase.IN_USE, false);
        publishRegistration("Other " + UUID.randomUUID(), "Gamma", Phase.IN_USE, false);

        JsonNode list = api.awaitJson("/api/systems?organisation=" + organisation.replace(" ", "%20"), body -> body.size() == 2);
        assertThat(list.get(0).get("name").asString()).isEqualTo("Alpha");
        assertThat(list.get(1).get("name").asString()).isEqualTo("Beta");
        assertThat(list.get(1).get("id").asString()).isEqualTo(second);

        JsonNode one = api.awaitJson("/api/systems/" + first, body -> body.has("id"));
        assertThat(one.get("organisation").asString()).isEqualTo(organisation);
        assertThat(one.get("phase").asString()).isEqualTo("EXPERIMENT");
        assertThat(one.get("description").asString()).isEqualTo("About Alpha");
    }

    @Test
    void anUnknownSystemIsA404ProblemAndBadParametersAre400() throws Exception {
        HttpResponse<String> missing = api.get("/api/systems/" + UUID.randomUUID());
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(api.get("/api/systems?limit=0").statusCode()).isEqualTo(400);
        assertThat(api.get("/api/systems?limit=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void malformedAndUnknownMessagesGoToTheDeadLetterTopicWithTheirReasonAndProcessingGoesOn() throws Exception {
        String marker = UUID.randomUUID().toString();
        events.send(TOPIC, "junk-" + marker, "{not json " + marker);
        events.send(TOPIC, "unknown-" + marker, json.writeValueAsString(new EventEnvelope("unknown-" + marker, "system-" + marker, 0, -1,
                "SystemTeleported", Instant.now(), Map.of("actor", "test"), json.readTree("{\"to\":\"Mars\"}"))));
        events.send(TOPIC, "bad-" + marker, json.writeValueAsString(new EventEnvelope("bad-" + marker, "system-" + marker, 0, -1,
                "RiskClassified", Instant.now(), Map.of("actor", "test"), json.readTree("{\"riskClass\":\"EXTREME\"}"))));
        String organisation = "After the junk " + marker;
        String id = publishRegistration(organisation, "Still processed", Phase.IN_USE, false);

        api.awaitJson("/api/systems/" + id, body -> body.has("id"));
        JsonNode letters = api.awaitJson("/api/admin/dead-letters?limit=1000",
                body -> body.findValuesAsString("messageKey").stream().filter(k -> k.endsWith(marker)).count() == 3);
        List<String> reasons = letters.valueStream().filter(l -> l.get("messageKey").asString().endsWith(marker))
                .map(l -> l.get("reason").asString()).toList();
        assertThat(reasons).anyMatch(r -> r.startsWith("Not an event envelope"))
                .anyMatch(r -> r.contains("Unknown event type SystemTeleported"))
                .anyMatch(r -> r.contains("is not a valid RiskClassified"));
        try (TestTopicReader dlt = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), TOPIC + ".DLT")) {
            List<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> copies = dlt.awaitRecords(
                    read -> read.stream().filter(r -> r.key().endsWith(marker)).count() == 3, Duration.ofSeconds(30));
            assertThat(copies.stream().filter(r -> r.key().endsWith(marker))
                    .map(r -> new String(r.headers().lastHeader("dlt-reason").value(), java.nio.charset.StandardCharsets.UTF_8)))
                    .containsExactlyInAnyOrderElementsOf(reasons);
        }
    }

    @Test
    void aRebuildReplaysTheTopicIntoTheSameProjection() throws Exception {
        String organisation = "Rebuild " + UUID.randomUUID();
        publishRegistration(organisation, "One", Phase.IN_USE, false);
        publishRegistration(organisation, "Two", Phase.EXPERIMENT, true);
        String path = "/api/systems?organisation=" + organisation.replace(" ", "%20");
        JsonNode before = api.awaitJson(path, body -> body.size() == 2);

        HttpResponse<String> rebuild = api.post("/api/admin/projections/systems/rebuild");
        assertThat(rebuild.statusCode()).isEqualTo(202);

        JsonNode after = api.awaitJson(path, body -> body.size() == 2);
        assertThat(after).isEqualTo(before);
    }

    @Test
    void aSystemsWholeLifeShowsInItsViewAndHistory() throws Exception {
        String id = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-11-01T09:00:00Z");
        api.publish(id, 0, new AiSystemRegistered(id, "Gemeente Utrecht", "Signalering", "Flags applications", Phase.EXPERIMENT, "Fraud",
                DevelopedBy.PURCHASED, "Acme", "GBM", false, Role.DEPLOYER, true, LocalDate.of(2023, 2, 1)), t);
        api.publish(id, 1, new RiskClassified(id, LocalDate.of(2023, 2, 1), RiskClass.HIGH,
                List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)")), false, GpaiRelation.NONE, "benefits",
                RiskClass.UNKNOWN, false), t.plusSeconds(1));
        api.publish(id, 2, new SystemPutIntoService(id, LocalDate.of(2023, 9, 1), Phase.EXPERIMENT), t.plusSeconds(2));
        api.publish(id, 2, new SystemPutIntoService(id, LocalDate.of(2023, 9, 1), Phase.EXPERIMENT), t.plusSeconds(2));
        api.publish(id, 3, new AssessmentRecorded(id, "a-1", AssessmentType.FRIA, null, AssessmentStatus.DONE, LocalDate.of(2023, 8, 1),
                "dms://fria", null), t.plusSeconds(3));
        api.publish(id, 4, new PublicRegistrationRecorded(id, PublicRegister.EU_DATABASE, null, "EU-1", LocalDate.of(2023, 9, 2)),
                t.plusSeconds(4));
        api.publish(id, 5, new SignificantModificationRecorded(id, LocalDate.of(2026, 9, 1), "Retrained"), t.plusSeconds(5));
        api.publish(id, 6, new FactCorrected(id, LocalDate.of(2026, 11, 1), CorrectableFact.IN_SERVICE_SINCE, "2023-09-01", "2023-08-15",
                "contract date"), t.plusSeconds(6));
        api.publish(id, 7, new ObligationEvidenceRecorded(id, "ART26_LOGS", EvidenceKind.FULFILLED, "Logs kept", null,
                LocalDate.of(2026, 10, 1)), t.plusSeconds(7));
        api.publish(id, 8, new SystemEnded(id, LocalDate.of(2026, 11, 1), EndReason.REPLACED, "New system", Phase.IN_USE), t.plusSeconds(8));

        JsonNode view = api.awaitJson("/api/systems/" + id, body -> body.path("version").asLong() == 8);
        assertThat(view.get("phase").asString()).isEqualTo("ENDED");
        assertThat(view.get("riskClass").asString()).isEqualTo("HIGH");
        assertThat(view.get("inServiceSince").asString()).isEqualTo("2023-08-15");
        assertThat(view.get("experimentStartedOn").asString()).isEqualTo("2023-02-01");
        assertThat(view.get("endReason").asString()).isEqualTo("REPLACED");
        assertThat(view.get("assessments").get("a-1").get("status").asString()).isEqualTo("DONE");
        assertThat(view.get("registrations").get(0).get("registerId").asString()).isEqualTo("EU-1");
        assertThat(view.get("significantModifications").get(0).get("description").asString()).isEqualTo("Retrained");
        assertThat(view.get("evidence").get("ART26_LOGS").get("kind").asString()).isEqualTo("FULFILLED");
        assertThat(view.get("corrections").get(0).get("previousValue").asString()).isEqualTo("2023-09-01");

        JsonNode history = api.awaitJson("/api/systems/" + id + "/history", body -> body.size() == 9);
        assertThat(history.valueStream().map(e -> e.get("type").asString()).toList()).containsExactly("AiSystemRegistered", "RiskClassified", "SystemPutIntoService",
                "AssessmentRecorded", "PublicRegistrationRecorded", "SignificantModificationRecorded", "FactCorrected",
                "ObligationEvidenceRecorded", "SystemEnded");
        assertThat(history.get(2).get("effectiveDate").asString()).isEqualTo("2023-09-01");
        assertThat(history.get(2).get("recordedAt").asString()).isEqualTo("2026-11-01T09:00:02Z");
        assertThat(history.get(2).get("metadata").get("actor").asString()).isEqualTo("test");
        assertThat(history.get(2).get("payload").get("previousPhase").asString()).isEqualTo("EXPERIMENT");
        assertThat(api.get("/api/systems/" + UUID.randomUUID() + "/history").statusCode()).isEqualTo(404);

        JsonNode highRisk = api.awaitJson("/api/systems?organisation=Gemeente%20Utrecht&riskClass=HIGH&phase=ENDED",
                body -> body.findValuesAsString("id").contains(id));
        assertThat(highRisk.findValuesAsString("riskClass")).containsOnly("HIGH");
        assertThat(api.get("/api/systems?phase=RUNNING").statusCode()).isEqualTo(400);
    }

    private String publishRegistration(String organisation, String name, Phase phase, boolean twice) {
        String id = UUID.randomUUID().toString();
        AiSystemRegistered registered = new AiSystemRegistered(id, organisation, name, "About " + name, phase, null, null, null, null,
                null, null, null, null);
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), id, 0, -1, "AiSystemRegistered", Instant.now(),
                Map.of("actor", "test"), json.valueToTree(registered));
        api.send(envelope);
        if (twice) {
            api.send(envelope);
        }
        return id;
    }
}
