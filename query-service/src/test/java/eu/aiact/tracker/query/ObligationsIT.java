package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
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
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationsMoved;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.api.rulebook.DeadlinesMoved;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Obligations computed from events that arrive on a real Kafka topic, stored in real PostgreSQL, read through REST: on any date, as the
 * facts were known then, under the rulebook in force then; and what moved when a rulebook version became applicable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ObligationsIT {

    private static final String TOPIC = "it-obligation-events";
    private static final String FEED = "it-obligation-feed";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    @Autowired
    private org.springframework.jdbc.core.JdbcTemplate jdbc;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("query").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.obligations-topic", () -> FEED);
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
    void aSystemsObligationsOnAnyDateUseWhatWasKnownThenAndTheRulebookInForceThen() throws Exception {
        String organisation = "Ministerie " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        // Registered in January 2025 as in use since September 2024; only in March 2026 classified high-risk, with effect from 2024.
        api.publish(id, 0, registration(id, organisation, "Toeslagen-signalering", Phase.IN_USE, LocalDate.of(2024, 9, 1)),
                Instant.parse("2025-01-10T10:00:00Z"));
        api.publish(id, 1, new RiskClassified(id, LocalDate.of(2024, 9, 1), RiskClass.HIGH,
                List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)")), false, GpaiRelation.NONE,
                "Decides on access to public benefits", RiskClass.UNKNOWN, false), Instant.parse("2026-03-01T10:00:00Z"));

        // Today: known high-risk, in service before the general date, used by a public authority: Art 111(2), 2 August 2030.
        JsonNode today = api.awaitJson("/api/systems/" + id + "/obligations", body -> find(body, "ART26-DEPLOYER-DUTIES") != null);
        JsonNode deployer = find(today, "ART26-DEPLOYER-DUTIES");
        assertThat(deployer.get("article").asString()).isEqualTo("Art. 26");
        assertThat(deployer.get("dueDate").asString()).isEqualTo("2030-08-02");
        assertThat(deployer.get("status").asString()).isEqualTo("NOT_YET_DUE");
        assertThat(deployer.get("rulebook").asString()).isEqualTo("ai-act-2026-omnibus");
        assertThat(deployer.get("reason").asString()).contains("111(2)");
        assertThat(find(today, "CLASSIFY")).isNull();

        // On 1 June 2025 the records said nothing about the risk class yet: the system had to be classified, under the Act as published.
        JsonNode then = api.getJson("/api/systems/" + id + "/obligations?asOf=2025-06-01");
        assertThat(find(then, "ART26-DEPLOYER-DUTIES")).isNull();
        JsonNode classify = find(then, "CLASSIFY");
        assertThat(classify.get("rulebook").asString()).isEqualTo("ai-act-2024");
        assertThat(classify.get("status").asString()).isEqualTo("OVERDUE");
        assertThat(classify.get("dueDate").asString()).isEqualTo("2025-02-02");
        JsonNode literacy = find(then, "ART4-LITERACY");
        assertThat(literacy.get("article").asString()).isEqualTo("Art. 4");
        assertThat(literacy.get("dueDate").asString()).isEqualTo("2025-02-02");

        // On 1 June 2026 the classification was known; the Act as published was still the version in force.
        JsonNode beforeOmnibus = api.getJson("/api/systems/" + id + "/obligations?asOf=2026-06-01");
        assertThat(find(beforeOmnibus, "ART26-DEPLOYER-DUTIES").get("rulebook").asString()).isEqualTo("ai-act-2024");
        assertThat(find(beforeOmnibus, "ART26-DEPLOYER-DUTIES").get("dueDate").asString()).isEqualTo("2030-08-02");

        // Before it was recorded at all, the system is unknown; before the Act, no rulebook; bad dates and unknown systems are refused.
        assertProblem(api.get("/api/systems/" + id + "/obligations?asOf=2024-12-31"), 404, "not yet recorded");
        assertProblem(api.get("/api/systems/" + id + "/obligations?asOf=2024-05-01"), 400, "2024-08-01");
        assertProblem(api.get("/api/systems/" + id + "/obligations?asOf=2025-13-01"), 400, "asOf");
        assertProblem(api.get("/api/systems/" + UUID.randomUUID() + "/obligations"), 404, "No AI system");

        // Across systems: the stored obligations of the organisation, filtered by status and due date.
        String byOrganisation = "/api/obligations?organisation=" + QueryApi.encode(organisation);
        JsonNode stored = api.awaitJson(byOrganisation, body -> body.findValuesAsString("code").contains("ART26-DEPLOYER-DUTIES"));
        assertThat(stored.findValuesAsString("systemId")).containsOnly(id);
        assertThat(stored.findValuesAsString("code")).doesNotContain("CLASSIFY");
        JsonNode notYetDue = api.getJson(byOrganisation + "&status=NOT_YET_DUE&dueBefore=2030-08-03");
        assertThat(notYetDue.findValuesAsString("code")).contains("ART26-DEPLOYER-DUTIES");
        assertThat(notYetDue.findValuesAsString("status")).containsOnly("NOT_YET_DUE");
        JsonNode dueEarlier = api.getJson(byOrganisation + "&dueBefore=2030-08-02");
        assertThat(dueEarlier.findValuesAsString("code")).doesNotContain("ART26-DEPLOYER-DUTIES");
        // The notifier's feed: the system's obligations and facts, on the compacted obligations topic, keyed by the system.
        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), FEED)) {
            List<ConsumerRecord<String, String>> records = feed.awaitRecords(read -> read.stream().anyMatch(r -> r.key().equals(id)
                    && r.value().contains("ART26-DEPLOYER-DUTIES")), Duration.ofSeconds(30));
            ConsumerRecord<String, String> latest = records.stream().filter(r -> r.key().equals(id)).reduce((a, b) -> b).orElseThrow();
            SystemObligations message = (SystemObligations) json.readValue(latest.value(), ObligationFeedMessage.class);
            assertThat(message.organisation()).isEqualTo(organisation);
            assertThat(message.riskClass()).isEqualTo(RiskClass.HIGH);
            assertThat(message.inServiceSince()).isEqualTo(LocalDate.of(2024, 9, 1));
            assertThat(message.obligations()).anySatisfy(o -> {
                assertThat(o.code()).isEqualTo("ART26-DEPLOYER-DUTIES");
                assertThat(o.dueDate()).isEqualTo(LocalDate.of(2030, 8, 2));
            });
        }
        assertProblem(api.get("/api/obligations?status=LATE"), 400, "status");
        assertProblem(api.get("/api/obligations?dueBefore=tomorrow"), 400, "dueBefore");
    }

    /** Issue 17: review dates are shown with the system and are due like any deadline: ahead, passed, moved by a later record. */
    @Test
    void reviewDatesAreShownAndDueLikeAnyDeadlineUntilALaterRecordMovesThem() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        LocalDate today = LocalDate.now();
        api.publish(id, 0, registration(id, organisation, "Parkeerhandhaving", Phase.IN_USE, LocalDate.of(2024, 9, 1)),
                Instant.parse("2025-01-10T10:00:00Z"));
        api.publish(id, 1, new PublicRegistrationRecorded(id, PublicRegister.ALGORITMEREGISTER, AlgoritmeregisterCategory.B, "ar-12",
                LocalDate.of(2025, 1, 10), today.minusDays(3)), Instant.parse("2025-01-10T11:00:00Z"));
        api.publish(id, 2, new RiskClassified(id, LocalDate.of(2025, 1, 10), RiskClass.MINIMAL, List.of(), false, GpaiRelation.NONE,
                "No Annex III area", RiskClass.UNKNOWN, false, null, null, null, today.plusDays(20)), Instant.parse("2025-01-10T12:00:00Z"));

        JsonNode system = api.awaitJson("/api/systems/" + id, body -> body.path("version").asLong() == 2);
        assertThat(system.get("algoritmeregisterReviewDate").asString()).isEqualTo(today.minusDays(3).toString());
        assertThat(system.get("classificationReviewDate").asString()).isEqualTo(today.plusDays(20).toString());
        JsonNode obligations = api.awaitJson("/api/systems/" + id + "/obligations",
                body -> find(body, "NL-ALGORITMEREGISTER-REVIEW") != null);
        JsonNode entry = find(obligations, "NL-ALGORITMEREGISTER-REVIEW");
        assertThat(entry.get("status").asString()).isEqualTo("OVERDUE");
        assertThat(entry.get("dueDate").asString()).isEqualTo(today.minusDays(3).toString());
        assertThat(entry.get("source").asString()).contains("herzieningsdatum");
        JsonNode classification = find(obligations, "NL-CLASSIFICATION-REVIEW");
        assertThat(classification.get("status").asString()).isEqualTo("DUE_SOON");
        assertThat(classification.get("dueDate").asString()).isEqualTo(today.plusDays(20).toString());

        // the entry reviewed: a new registration with the next review date moves the due date
        api.publish(id, 3, new PublicRegistrationRecorded(id, PublicRegister.ALGORITMEREGISTER, AlgoritmeregisterCategory.B, "ar-12",
                today, today.plusYears(1)), Instant.now());
        JsonNode moved = api.awaitJson("/api/systems/" + id + "/obligations",
                body -> today.plusYears(1).toString().equals(find(body, "NL-ALGORITMEREGISTER-REVIEW").path("dueDate").asString()));
        assertThat(find(moved, "NL-ALGORITMEREGISTER-REVIEW").get("status").asString()).isEqualTo("NOT_YET_DUE");
        // and the notifier's feed carries it with its due date, as any obligation
        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), FEED)) {
            feed.awaitRecords(read -> read.stream().anyMatch(r -> r.key().equals(id) && r.value().contains("NL-ALGORITMEREGISTER-REVIEW")
                    && r.value().contains(today.plusYears(1).toString())), Duration.ofSeconds(30));
        }
    }

    @Test
    void aRulebookVersionBecomingApplicableRecordsWhichDueDatesMoved() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        Instant t = Instant.now();
        // A planned high-risk system (Annex III): under the Act as published its deployer duties apply from 2 August 2026,
        // under the 2026 amendment from 2 December 2027.
        api.publish(id, 0, registration(id, organisation, "Risicoscan", Phase.PLANNED, LocalDate.of(2026, 1, 5)), t);
        api.publish(id, 1, new RiskClassified(id, LocalDate.of(2026, 1, 5), RiskClass.HIGH,
                List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.4(a)")), false, GpaiRelation.NONE, "Selects applicants",
                RiskClass.UNKNOWN, false), t.plusMillis(1));
        api.awaitJson("/api/obligations?systemId=" + id, body -> body.findValuesAsString("code").contains("ART26-DEPLOYER-DUTIES"));

        RulebookVersionApplied applied = new RulebookVersionApplied("ai-act-2026-omnibus", "AI Act as amended by the Digital Omnibus",
                "Regulation (EU) 2026/1744", LocalDate.of(2026, 7, 27));
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), "ai-act-2026-omnibus", 0, -1,
                "RulebookVersionApplied", Instant.now(), Map.of("actor", "query-service"), json.valueToTree(applied));
        api.send(envelope);
        api.send(envelope);

        JsonNode moved = api.awaitJson("/api/rulebooks/changes?systemId=" + id, body -> body.size() > 0);
        JsonNode deployer = null;
        for (JsonNode change : moved) {
            if (change.get("code").asString().equals("ART26-DEPLOYER-DUTIES")) {
                assertThat(deployer).as("one change per obligation, however often the event arrives").isNull();
                deployer = change;
            }
        }
        assertThat(deployer).isNotNull();
        assertThat(deployer.get("oldDueDate").asString()).isEqualTo("2026-08-02");
        assertThat(deployer.get("newDueDate").asString()).isEqualTo("2027-12-02");
        assertThat(deployer.get("oldRulebook").asString()).isEqualTo("ai-act-2024");
        assertThat(deployer.get("newRulebook").asString()).isEqualTo("ai-act-2026-omnibus");
        assertThat(deployer.get("organisation").asString()).isEqualTo(organisation);
        assertThat(deployer.get("eventId").asString()).isEqualTo(envelope.eventId());

        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), FEED)) {
            String key = ObligationsMoved.keyOf("ai-act-2026-omnibus", organisation);
            ConsumerRecord<String, String> record = feed.awaitRecords(read -> read.stream().anyMatch(r -> r.key().equals(key)),
                    Duration.ofSeconds(30)).stream().filter(r -> r.key().equals(key)).findFirst().orElseThrow();
            ObligationsMoved notice = (ObligationsMoved) json.readValue(record.value(), ObligationFeedMessage.class);
            assertThat(notice.eventId()).isEqualTo(envelope.eventId());
            assertThat(notice.moves()).anySatisfy(m -> {
                assertThat(m.systemId()).isEqualTo(id);
                assertThat(m.code()).isEqualTo("ART26-DEPLOYER-DUTIES");
                assertThat(m.newDueDate()).isEqualTo(LocalDate.of(2027, 12, 2));
            });
        }

        JsonNode versions = api.getJson("/api/rulebooks");
        JsonNode omnibus = null;
        for (JsonNode version : versions) {
            if (version.get("id").asString().equals("ai-act-2026-omnibus")) {
                omnibus = version;
            }
        }
        assertThat(omnibus).isNotNull();
        assertThat(omnibus.get("inForceFrom").asString()).isEqualTo("2026-07-27");
        assertThat(omnibus.get("inForceToday").asBoolean()).isTrue();
        assertThat(omnibus.get("applied").get("eventId").asString()).isEqualTo(envelope.eventId());
        assertThat(versions.get(0).get("id").asString()).isEqualTo("ai-act-2024");
        assertThat(versions.get(0).get("inForceUntil").asString()).isEqualTo("2026-07-26");
    }

    @Test
    void whatAVersionMovedIsCopiedAsDecidedWhenItWasRecordedAndARebuildGivesTheSameRowsAndAnnouncesNothingAgain() throws Exception {
        String version = "it-decided-" + UUID.randomUUID().toString().substring(0, 8);
        String a = "Gemeente " + UUID.randomUUID();
        String b = "Provincie " + UUID.randomUUID();
        // what the command side decided: for systems this service never heard of too (it copies, it does not compute)
        List<DeadlinesMoved.Move> first = List.of(move("sys-a1", "ART26-DEPLOYER-DUTIES", "2026-08-02", "2027-12-02"),
                move("sys-a1", "ART27-FRIA", "2026-08-02", "2027-12-02"));
        List<DeadlinesMoved.Move> second = List.of(move("sys-a2", "ART49-3-REGISTRATION", "2026-08-02", null));
        List<DeadlinesMoved.Move> other = List.of(move("sys-b1", "ART5-PROHIBITION-2026", null, "2026-12-02"));
        Instant recorded = Instant.now().minusSeconds(5).truncatedTo(java.time.temporal.ChronoUnit.MICROS); // as PostgreSQL keeps it
        List<EventEnvelope> envelopes = List.of(
                envelope(version, 0, new RulebookVersionApplied(version, "Test version", "Test source", LocalDate.of(2026, 7, 27), true),
                        recorded),
                envelope(version, 1, new DeadlinesMoved(version, a, 1, 2, 3, first), recorded),
                envelope(version, 2, new DeadlinesMoved(version, a, 2, 2, 3, second), recorded),
                envelope(version, 3, new DeadlinesMoved(version, b, 1, 1, 3, other), recorded));
        for (EventEnvelope envelope : envelopes) {
            api.send(envelope);
            api.send(envelope); // a copy changes nothing
        }
        String changes = "/api/rulebooks/changes?versionId=" + version;
        JsonNode rows = api.awaitJson(changes, body -> body.size() == 4);
        assertThat(rows.findValuesAsString("systemId")).containsExactlyInAnyOrder("sys-a1", "sys-a1", "sys-a2", "sys-b1");
        assertThat(rows.valueStream().filter(r -> r.get("code").asString().equals("ART49-3-REGISTRATION")).findFirst().orElseThrow()
                .get("newDueDate").isNull()).isTrue();
        List<ConsumerRecord<String, String>> announced;
        String keyA = ObligationsMoved.keyOf(version, a);
        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), FEED)) {
            announced = feed.awaitRecords(read -> read.stream().anyMatch(r -> r.key().equals(keyA))
                    && read.stream().anyMatch(r -> r.key().equals(ObligationsMoved.keyOf(version, b))), Duration.ofSeconds(30));
        }
        ObligationsMoved notice = (ObligationsMoved) json.readValue(announced.stream().filter(r -> r.key().equals(keyA)).reduce((x, y) -> y)
                .orElseThrow().value(), ObligationFeedMessage.class);
        assertThat(notice.moves()).hasSize(3);
        assertThat(notice.appliedAt()).as("when the application was recorded, so that a reader can tell it from a replay")
                .isEqualTo(recorded);
        // the first application's announcements may still be coming (organisation a's two parts are announced one by one): count them
        // once the feed is quiet (its publisher runs every half second)
        Thread.sleep(2000);
        List<ConsumerRecord<String, String>> settled;
        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), FEED)) {
            settled = feed.awaitRecords(read -> read.size() >= announced.size(), Duration.ofSeconds(30));
        }
        long announcedBefore = settled.stream().filter(r -> r.key().startsWith("rulebook:" + version + ":")).count();

        // rebuilt twice: the same rows, row for row (ids too), and no moved deadlines announced again
        List<Map<String, Object>> before = jdbc.queryForList("SELECT * FROM obligation_change WHERE version_id = ? ORDER BY id", version);
        assertThat(before).hasSize(4);
        for (int rebuild = 0; rebuild < 2; rebuild++) {
            Instant asked = Instant.now();
            assertThat(api.post("/api/admin/projections/systems/rebuild").statusCode()).isEqualTo(202);
            api.awaitJson("/api/admin/projections/systems/rebuild", body -> !body.get("running").asBoolean()
                    && !body.get("finishedAt").isNull() && Instant.parse(body.get("finishedAt").asString()).isAfter(asked));
            assertThat(jdbc.queryForList("SELECT * FROM obligation_change WHERE version_id = ? ORDER BY id", version)).isEqualTo(before);
        }
        Thread.sleep(2000); // the feed publisher runs every half second
        try (TestTopicReader feed = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), FEED)) {
            long after = feed.awaitRecords(read -> read.size() >= settled.size(), Duration.ofSeconds(30)).stream()
                    .filter(r -> r.key().startsWith("rulebook:" + version + ":")).count();
            assertThat(after).isEqualTo(announcedBefore);
        }
        assertThat(jdbc.queryForMap("SELECT systems_recomputed, obligations_moved FROM rulebook_application WHERE version_id = ?", version))
                .containsEntry("systems_recomputed", 3).containsEntry("obligations_moved", 4);
    }

    private static DeadlinesMoved.Move move(String systemId, String code, String oldDue, String newDue) {
        return new DeadlinesMoved.Move(systemId, "System " + systemId, code, "Art. 1", oldDue == null ? null : LocalDate.parse(oldDue),
                newDue == null ? null : LocalDate.parse(newDue), oldDue == null ? null : "ai-act-2024", newDue == null ? null : "it-version");
    }

    private EventEnvelope envelope(String aggregate, long sequence, Object event, Instant recordedAt) {
        return new EventEnvelope(aggregate + "-" + sequence, aggregate, sequence, -1, event.getClass().getSimpleName(), recordedAt,
                Map.of("actor", "command-service"), json.valueToTree(event));
    }

    private static AiSystemRegistered registration(String id, String organisation, String name, Phase phase, LocalDate effective) {
        return new AiSystemRegistered(id, organisation, name, "About " + name, phase, "Benefits", DevelopedBy.PURCHASED, "Acme", "GBM",
                false, Role.DEPLOYER, true, effective);
    }

    private static JsonNode find(JsonNode obligations, String code) {
        for (JsonNode obligation : obligations) {
            if (obligation.get("code").asString().equals(code)) {
                return obligation;
            }
        }
        return null;
    }

    private void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(json.readTree(response.body()).path("detail").asString()).contains(detail);
    }
}
