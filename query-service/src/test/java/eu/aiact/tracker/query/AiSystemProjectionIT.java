package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
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
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
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
import eu.aiact.tracker.infra.TestSigningKeys;
import eu.aiact.tracker.infra.TestTopicReader;
import eu.aiact.tracker.query.obligation.ObligationProjection;
import eu.aiact.tracker.query.projection.AiSystemProjection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The query service fed from a real Kafka topic into real PostgreSQL, read back through its REST API. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AiSystemProjectionIT {

    private static final String TOPIC = "it-query-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    @Autowired
    private AiSystemProjection projection;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private ObligationProjection obligations;
    @Autowired
    private TransactionTemplate transactions;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        // the rebuild folds its history in three slices at once, whatever the number of processors here
        registry.add("tracker.rebuild.fold-slices", () -> "3");
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "12");
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

    /** Issue 15: every error names what is wrong and what is accepted; an unknown organisation is a 404 wherever it is named. */
    @Test
    void errorsNameTheParameterAndWhatIsAcceptedAndAnUnknownOrganisationIsA404Everywhere() throws Exception {
        String organisation = "Gemeente Errorstad " + UUID.randomUUID();
        String id = publishRegistration(organisation, "Known", Phase.IN_USE, false);
        api.awaitJson("/api/systems/" + id, body -> body.has("id"));

        assertThat(detail("/api/systems?limit=0", 400)).contains("limit").contains("'0'").contains("accepted: 1 to 1000");
        assertThat(detail("/api/systems?limit=abc", 400)).contains("limit").contains("whole number");
        assertThat(detail("/api/systems/" + id + "/obligations?asOf=yesterday", 400)).contains("asOf").contains("YYYY-MM-DD");
        assertThat(detail("/api/systems?phase=RUNNING", 400)).contains("phase").contains("PLANNED, EXPERIMENT, IN_USE");
        assertThat(detail("/api/history?type=NoSuchEvent", 400)).contains("type").contains("AiSystemRegistered").contains("RiskClassified");
        assertThat(detail("/api/systems/" + id, 405, "DELETE")).contains("method DELETE").contains("supported: GET");

        String misspelt = QueryApi.encode(organisation.replace("Errorstad", "Erorstad"));
        for (String path : List.of("/api/portfolio?organisation=", "/api/systems?organisation=", "/api/obligations?organisation=",
                "/api/history?organisation=", "/api/exports/algoritmeregister?organisation=", "/api/rulebooks/changes?organisation=")) {
            assertThat(detail(path + misspelt, 404)).as(path).contains("organisation").contains("Erorstad")
                    .contains("the nearest recorded: [" + organisation);
        }
        assertThat(detail("/api/organisations/" + misspelt + "/as-of?date=2026-01-01", 404)).contains("Erorstad");
        assertThat(api.get("/api/portfolio?organisation=" + QueryApi.encode(organisation)).statusCode()).isEqualTo(200);
    }

    private String detail(String path, int status) throws Exception {
        return detail(path, status, "GET");
    }

    private String detail(String path, int status, String method) throws Exception {
        HttpResponse<String> response = method.equals("GET") ? api.get(path) : api.send(method, path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        return json.readTree(response.body()).get("detail").asString();
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

    /**
     * Issue 21: a rebuild replays the topic into fresh tables and swaps them in when complete: the same answers after it, each event once
     * in the history (a copy on the topic is dropped), the same keys and indexes under the same names, no fresh table left, and a record
     * that was a dead letter before is not one twice. The history is folded in three slices at once: every system is in one of them
     * (twelve systems: all in the same slice once in 3^11).
     */
    @Test
    void aRebuildReplaysTheTopicIntoFreshTablesThatReplaceTheProjectionWithTheSameAnswers() throws Exception {
        String organisation = "Rebuild " + UUID.randomUUID();
        String one = publishRegistration(organisation, "One", Phase.IN_USE, false);
        String two = publishRegistration(organisation, "Two", Phase.EXPERIMENT, true);
        for (int i = 3; i <= 12; i++) {
            publishRegistration(organisation, "System " + i, i % 2 == 0 ? Phase.IN_USE : Phase.EXPERIMENT, false);
        }
        api.publish(one, 1, highRisk(one), Instant.parse("2026-11-05T10:00:00Z"));
        // the same sequence number under another event id: a dead letter, once
        api.send(new EventEnvelope(UUID.randomUUID().toString(), one, 1, -1, "RiskClassified", Instant.parse("2026-11-05T10:01:00Z"),
                Map.of("actor", "test"), json.valueToTree(highRisk(one))));
        String path = "/api/systems?organisation=" + organisation.replace(" ", "%20");
        JsonNode before = api.awaitJson(path, body -> body.size() == 12 && body.valueStream().allMatch(b -> b.get("version").asLong()
                == (b.get("id").asString().equals(one) ? 1 : 0)));
        JsonNode obligationsBefore = api.getJson("/api/obligations?organisation=" + organisation.replace(" ", "%20"));
        awaitDeadLetters(one, 1);
        String indexes = "SELECT tablename || ' ' || indexname || ' ' || replace(indexdef, tablename, '') FROM pg_indexes"
                + " WHERE schemaname = current_schema() AND tablename IN ('ai_system', 'system_event', 'obligation') ORDER BY 1";
        List<String> indexesBefore = jdbc.queryForList(indexes, String.class);

        // the rebuild records the refused copy's dead letter itself (its position, its reason, the envelope with its metadata): gone first
        String firstEventOfOne = jdbc.queryForObject("SELECT event_id FROM system_event WHERE system_id = ? AND sequence_number = 1",
                String.class, one);
        jdbc.update("DELETE FROM stream_dead_letter WHERE consumer = ? AND topic = ? AND message_key = ?", AiSystemProjection.LISTENER_ID,
                TOPIC, one.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        HttpResponse<String> rebuild = api.post("/api/admin/projections/systems/rebuild");
        assertThat(rebuild.statusCode()).isEqualTo(202);
        assertThat(json.readTree(rebuild.body()).get("running").asBoolean()).isTrue();
        api.awaitJson("/api/admin/projections/systems/rebuild", status -> !status.get("running").asBoolean());

        JsonNode status = api.getJson("/api/admin/projections/systems/rebuild");
        assertThat(status.get("eventsDone").asLong()).isEqualTo(status.get("eventsTotal").asLong()).isPositive();
        assertThat(api.getJson(path)).isEqualTo(before);
        assertThat(api.getJson("/api/obligations?organisation=" + organisation.replace(" ", "%20"))).isNotEmpty()
                .isEqualTo(obligationsBefore);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM system_event WHERE system_id = ?", Integer.class, two)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM (SELECT event_id FROM system_event GROUP BY event_id HAVING count(*) > 1) d",
                Integer.class)).isZero();
        assertThat(jdbc.queryForList(indexes, String.class)).isEqualTo(indexesBefore);
        assertThat(jdbc.queryForList("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE '%\\_next'",
                String.class)).isEmpty();
        awaitDeadLetters(one, 1);
        Map<String, Object> letter = jdbc.queryForMap("SELECT reason, convert_from(value, 'UTF8') AS value FROM stream_dead_letter"
                + " WHERE consumer = ? AND topic = ? AND message_key = ?", AiSystemProjection.LISTENER_ID, TOPIC,
                one.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat((String) letter.get("reason")).contains("Sequence number 1 of system " + one + " is taken by event " + firstEventOfOne);
        JsonNode refused = json.readTree((String) letter.get("value"));
        assertThat(refused.get("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(refused.get("eventId").asString()).isNotEqualTo(firstEventOfOne);
        assertThat(refused.get("metadata").get("actor").asString()).isEqualTo("test");
    }

    /** Issue 21: a table's fresh copy is filled beside it; readers see the old rows until the swap, then the new ones, with its indexes. */
    @Test
    void aFreshTableIsInvisibleUntilItIsSwappedInWithTheTablesKeysAndIndexes() {
        jdbc.execute("DROP TABLE IF EXISTS swap_probe");
        jdbc.execute("CREATE TABLE swap_probe (id VARCHAR(10) PRIMARY KEY, n INT NOT NULL CHECK (n >= 0), tag TEXT DEFAULT 'x',"
                + " UNIQUE (n))");
        jdbc.execute("CREATE INDEX swap_probe_tag ON swap_probe (tag) WHERE tag IS NOT NULL");
        jdbc.update("INSERT INTO swap_probe (id, n) VALUES ('old', 1)");
        eu.aiact.tracker.query.projection.FreshTables fresh = new eu.aiact.tracker.query.projection.FreshTables(jdbc);
        String definitions = "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE tablename = 'swap_probe' ORDER BY 1";
        List<String> before = jdbc.queryForList(definitions, String.class);

        fresh.create("swap_probe");
        jdbc.update("INSERT INTO swap_probe_next (id, n) VALUES ('new', 2), ('newer', 3)");
        assertThatThrownBy(() -> jdbc.update("INSERT INTO swap_probe_next (id, n) VALUES ('bad', -1)")).as("checks are kept")
                .hasMessageContaining("check");
        assertThat(jdbc.queryForList("SELECT id FROM swap_probe ORDER BY id", String.class)).containsExactly("old");

        transactions.executeWithoutResult(status -> {
            fresh.index("swap_probe");
            fresh.swap("swap_probe");
        });

        assertThat(jdbc.queryForList("SELECT id || ' ' || tag FROM swap_probe ORDER BY id", String.class)).containsExactly("new x", "newer x");
        assertThat(jdbc.queryForList(definitions, String.class)).isEqualTo(before);
        assertThatThrownBy(() -> jdbc.update("INSERT INTO swap_probe (id, n) VALUES ('again', 2)")).as("the unique key is back")
                .hasMessageContaining("swap_probe_n_key");
        jdbc.execute("DROP TABLE swap_probe");
    }

    private void awaitDeadLetters(String systemId, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int found = -1;
        while (System.nanoTime() < deadline) {
            found = jdbc.queryForObject("SELECT count(*) FROM stream_dead_letter WHERE consumer = ? AND topic = ? AND message_key = ?",
                    Integer.class, AiSystemProjection.LISTENER_ID, TOPIC, systemId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            if (found == expected) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(found).as("dead letters of " + systemId).isEqualTo(expected);
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

    /**
     * The listener projects a poll set-wise; the outcome must be the one of projecting the same records one at a time. The records are
     * handed to the listener directly (as one poll), on a topic of their own: two events of one system, a duplicate, a malformed record
     * in the middle, a second system, an event after a gap in the sequence and the missing one arriving late (stored, not applied).
     */
    @Test
    void aPollIsProjectedAsIfItsRecordsCameOneByOne() throws Exception {
        String topic = "it-direct-" + UUID.randomUUID();
        String a = UUID.randomUUID().toString();
        String b = UUID.randomUUID().toString();
        List<ConsumerRecord<String, String>> poll = mixedPoll(topic, a, b);
        projection.consumer().process(poll);

        String oneByOneTopic = "it-direct-" + UUID.randomUUID();
        String a1 = UUID.randomUUID().toString();
        String b1 = UUID.randomUUID().toString();
        for (ConsumerRecord<String, String> record : mixedPoll(oneByOneTopic, a1, b1)) {
            projection.consumer().process(List.of(record));
        }

        JsonNode stateA = api.getJson("/api/systems/" + a);
        assertThat(stateA.get("version").asLong()).isEqualTo(3);
        assertThat(stateA.get("riskClass").asString()).isEqualTo("HIGH");
        assertThat(stateA.get("phase").asString()).isEqualTo("IN_USE");
        assertThat(stateA.get("inServiceSince").asString()).as("the late event 2 is not applied").isEqualTo("2024-03-01");
        assertThat(api.getJson("/api/systems/" + b).get("version").asLong()).isEqualTo(1);
        assertThat(jdbc.queryForList("SELECT sequence_number FROM system_event WHERE system_id = ? ORDER BY sequence_number", Long.class,
                a))
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM stream_dead_letter WHERE topic = ?", Integer.class, topic)).isEqualTo(1);
        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), "aiact.obligations")) {
            feed.awaitRecords(read -> read.stream().map(ConsumerRecord::key).toList().containsAll(List.of(a, b)), Duration.ofSeconds(30));
        }

        assertThat(withoutIds(api.getJson("/api/systems/" + a), a)).isEqualTo(withoutIds(api.getJson("/api/systems/" + a1), a1));
        assertThat(withoutIds(api.getJson("/api/systems/" + b), b)).isEqualTo(withoutIds(api.getJson("/api/systems/" + b1), b1));
        assertThat(withoutIds(api.getJson("/api/obligations?systemId=" + a), a)).isNotEmpty()
                .isEqualTo(withoutIds(api.getJson("/api/obligations?systemId=" + a1), a1));
        assertThat(withoutIds(api.getJson("/api/obligations?systemId=" + b), b))
                .isEqualTo(withoutIds(api.getJson("/api/obligations?systemId=" + b1), b1));
        assertThat(withoutIds(api.getJson("/api/systems/" + a + "/history"), a))
                .isEqualTo(withoutIds(api.getJson("/api/systems/" + a1 + "/history"), a1));
    }

    /**
     * Issue 15: a record that fails the whole poll for a reason that will not go away (here a constraint that can never hold: the same
     * sequence number under another event id) is tried a few times, then kept as a dead letter with its position and reason, and the
     * records after it are projected: nothing stops the partition.
     */
    @Test
    void aRecordThatCanNeverBeProjectedBecomesADeadLetterAndTheRecordsAfterItGoOn() throws Exception {
        String topic = "it-direct-" + UUID.randomUUID();
        String c = UUID.randomUUID().toString();
        String d = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-11-02T09:00:00Z");
        List<ConsumerRecord<String, String>> poll = new ArrayList<>();
        poll.add(record(topic, 0, envelope(c + "-0", c, 0, registration(c, "Cee"), t)));
        // the same sequence number under another event id: the history refuses it (not a redelivery, a conflict)
        poll.add(record(topic, 1, envelope(c + "-0-other", c, 0, registration(c, "Cee again"), t)));
        poll.add(record(topic, 2, envelope(d + "-0", d, 0, registration(d, "Dee"), t)));

        projection.consumer().process(poll);

        assertThat(api.getJson("/api/systems/" + c).get("name").asString()).isEqualTo("Cee");
        assertThat(api.getJson("/api/systems/" + d).get("name").asString()).as("the record after the dead letter").isEqualTo("Dee");
        Map<String, Object> letter = jdbc.queryForMap("SELECT partition, \"offset\", reason, attempts, status FROM stream_dead_letter "
                + "WHERE consumer = ? AND topic = ?", AiSystemProjection.LISTENER_ID, topic);
        assertThat(letter.get("offset")).isEqualTo(1L);
        assertThat(letter.get("attempts")).as("a unique key may be a race: tried 3 times").isEqualTo(3);
        assertThat(letter.get("status")).isEqualTo("DEAD");
        assertThat((String) letter.get("reason")).startsWith("The database refused it (SQL state 23505)");
    }

    /** A rulebook application in the middle of a poll sees the system events before it (it reads every system from the tables). */
    @Test
    void aRulebookApplicationInAPollSeesTheEventsBeforeIt() throws Exception {
        String topic = "it-direct-" + UUID.randomUUID();
        String e = UUID.randomUUID().toString();
        String version = "test-version-" + UUID.randomUUID();
        Instant t = Instant.parse("2026-11-03T09:00:00Z");
        RulebookVersionApplied applied = new RulebookVersionApplied(version, "No such version", "none", LocalDate.of(2031, 1, 1));
        List<ConsumerRecord<String, String>> poll = List.of(
                record(topic, 0, envelope(e + "-0", e, 0, registration(e, "Eee"), t)),
                record(topic, 1, new EventEnvelope(UUID.randomUUID().toString(), version, 0, -1, "RulebookVersionApplied", t,
                        Map.of("actor", "test"), json.valueToTree(applied))),
                record(topic, 2, envelope(e + "-1", e, 1, highRisk(e), t.plusSeconds(1))));
        int before = jdbc.queryForObject("SELECT count(*) FROM ai_system", Integer.class);

        projection.consumer().process(poll);

        assertThat(jdbc.queryForObject("SELECT systems_recomputed FROM rulebook_application WHERE version_id = ?", Integer.class, version))
                .as("the systems walked include the one registered just before").isGreaterThanOrEqualTo(before + 1);
        assertThat(api.getJson("/api/systems/" + e).get("version").asLong()).isEqualTo(1);
    }

    /** Evaluating every system again (daily, or for a rulebook application) rewrites them all, and queues only the ones that changed. */
    @Test
    void evaluatingEverySystemAgainQueuesOnlyTheSystemsWhoseObligationsChanged() throws Exception {
        String topic = "it-direct-" + UUID.randomUUID();
        String f = UUID.randomUUID().toString();
        String g = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-11-04T09:00:00Z");
        projection.consumer().process(List.of(record(topic, 0, envelope(f + "-0", f, 0, registration(f, "Eff"), t)),
                record(topic, 1, envelope(f + "-1", f, 1, highRisk(f), t)),
                record(topic, 2, envelope(g + "-0", g, 0, registration(g, "Gee"), t)),
                record(topic, 3, envelope(g + "-1", g, 1, highRisk(g), t))));
        String code = jdbc.queryForObject("SELECT min(code) FROM obligation WHERE system_id = ?", String.class, f);
        assertThat(code).isNotNull();

        transactions.executeWithoutResult(status -> {
            // within one transaction that is rolled back: the feed publisher sees none of it, and nothing stays behind
            status.setRollbackOnly();
            jdbc.update("UPDATE obligation SET title = 'stale' WHERE system_id = ? AND code = ?", f, code);
            Instant before = jdbc.queryForObject("SELECT clock_timestamp()", java.sql.Timestamp.class).toInstant();
            obligations.refreshAll();
            Function<String, Boolean> queuedSince = id -> jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM feed_pending WHERE message_key = ? AND queued_at > ?)", Boolean.class, id,
                    java.sql.Timestamp.from(before));
            assertThat(queuedSince.apply(f)).as("changed: queued").isTrue();
            assertThat(queuedSince.apply(g)).as("unchanged: not queued").isFalse();
            assertThat(jdbc.queryForObject("SELECT title FROM obligation WHERE system_id = ? AND code = ?", String.class, f, code))
                    .isNotEqualTo("stale");
        });
    }

    private List<ConsumerRecord<String, String>> mixedPoll(String topic, String a, String b) {
        Instant t = Instant.parse("2026-11-01T09:00:00Z");
        EventEnvelope classifiedA = envelope(a + "-1", a, 1, highRisk(a), t.plusSeconds(1));
        return List.of(
                record(topic, 0, envelope(a + "-0", a, 0, registration(a, "Batch A"), t)),
                record(topic, 1, classifiedA),
                record(topic, 2, classifiedA),
                new ConsumerRecord<>(topic, 0, 3, a, "{not json"),
                record(topic, 4, envelope(b + "-0", b, 0, registration(b, "Batch B"), t.plusSeconds(2))),
                record(topic, 5, envelope(a + "-3", a, 3, new SystemPutIntoService(a, LocalDate.of(2024, 3, 1), Phase.EXPERIMENT),
                        t.plusSeconds(3))),
                record(topic, 6, envelope(a + "-2", a, 2, new SystemPutIntoService(a, LocalDate.of(2024, 2, 1), Phase.EXPERIMENT),
                        t.plusSeconds(4))),
                record(topic, 7, envelope(b + "-1", b, 1, highRisk(b), t.plusSeconds(5))));
    }

    private static AiSystemRegistered registration(String id, String name) {
        return new AiSystemRegistered(id, "Direct polls", name, "About " + name, Phase.EXPERIMENT, "Fraud", DevelopedBy.PURCHASED, "Acme",
                "GBM", false, Role.DEPLOYER, true, LocalDate.of(2024, 1, 15));
    }

    private static RiskClassified highRisk(String id) {
        return new RiskClassified(id, LocalDate.of(2024, 1, 20), RiskClass.HIGH,
                List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)")), false, GpaiRelation.NONE, "benefits",
                RiskClass.UNKNOWN, false);
    }

    private EventEnvelope envelope(String eventId, String id, long sequence, Object event, Instant recordedAt) {
        return new EventEnvelope(eventId, id, sequence, -1, event.getClass().getSimpleName(), recordedAt, Map.of("actor", "test"),
                json.valueToTree(event));
    }

    /** A record as the consumer gets it from the topic: the envelope signed as the command service's publisher signs it. */
    private ConsumerRecord<String, String> record(String topic, long offset, EventEnvelope envelope) {
        return new ConsumerRecord<>(topic, 0, offset, envelope.aggregateId(), TestSigningKeys.sign(json.writeValueAsString(envelope)));
    }

    /** The JSON with every occurrence of the system's id replaced, to compare two systems with the same events. */
    private JsonNode withoutIds(JsonNode node, String id) {
        return json.readTree(json.writeValueAsString(node).replace(id, "<id>"));
    }

    /**
     * Issue 16: events stored before references were checked are read as they are, through the catalogue's aliases; a reference that maps
     * to no provision flags the system for review and is listed for administrators.
     */
    @Test
    void aStoredReferenceThatMapsToNoProvisionIsFlaggedForReviewAndListedForAdministrators() throws Exception {
        String organisation = "Org " + UUID.randomUUID();
        String legacy = publishRegistration(organisation, "Peilbeheer", Phase.IN_USE, false);
        api.publish(legacy, 1, new RiskClassified(legacy, LocalDate.of(2025, 1, 10), RiskClass.HIGH, List.of(
                new ClassificationBasis(BasisKind.ANNEX_III_AREA, "Annex III 5a"),
                new ClassificationBasis(BasisKind.ANNEX_III_AREA, "water management")), false, GpaiRelation.NONE, "legacy",
                RiskClass.UNKNOWN, false), Instant.now());
        String alias = publishRegistration(organisation, "Beeldgenerator", Phase.IN_USE, false);
        api.publish(alias, 1, new RiskClassified(alias, LocalDate.of(2025, 1, 10), RiskClass.PROHIBITED, List.of(
                new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(i)")), false, GpaiRelation.NONE, "the tracker's earlier reference",
                RiskClass.UNKNOWN, false), Instant.now());

        JsonNode system = api.awaitJson("/api/systems/" + legacy, body -> body.path("version").asLong() == 1);
        assertThat(system.get("bases").valueStream().map(b -> b.get("reference").asString())).containsExactly("Annex III 5a",
                "water management");
        assertThat(system.get("basesToReview").valueStream().map(b -> b.get("reference").asString())).containsExactly("water management");
        JsonNode aliased = api.awaitJson("/api/systems/" + alias, body -> body.path("version").asLong() == 1);
        assertThat(aliased.get("basesToReview").isEmpty()).isTrue();

        JsonNode listed = api.awaitJson("/api/admin/provision-references?limit=1000",
                body -> body.valueStream().anyMatch(e -> e.get("systemId").asString().equals(legacy)));
        List<JsonNode> mine = listed.valueStream().filter(e -> e.get("organisation").asString().equals(organisation)).toList();
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).get("kind").asString()).isEqualTo("ANNEX_III_AREA");
        assertThat(mine.get(0).get("reference").asString()).isEqualTo("water management");
        assertThat(mine.get(0).get("classifiedOn").asString()).isEqualTo("2025-01-10");
        assertThat(mine.get(0).get("nearest").size()).isEqualTo(5);
        assertThat(api.get("/api/admin/provision-references?limit=0").statusCode()).isEqualTo(400);
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
