package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemResumed;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.query.obligation.ObligationProjection;
import eu.aiact.tracker.query.portfolio.PortfolioCounts;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The portfolio counts, from events on a real topic into real PostgreSQL, for one organisation and across all. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PortfolioIT {

    private static final String TOPIC = "it-portfolio-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PortfolioCounts counts;
    @Autowired
    private ObligationProjection obligations;
    @Autowired
    private AiSystemRepository systems;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private PlatformTransactionManager transactionManager;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("portfolio_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.obligations-topic", () -> "it-portfolio-feed");
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
    void aPausedSystemIsCountedAsPausedNotAsInUseUntilItResumes() throws Exception {
        String organisation = "Dienst " + UUID.randomUUID();
        String inUse = UUID.randomUUID().toString();
        String experiment = UUID.randomUUID().toString();
        Instant t = Instant.parse("2026-02-10T10:00:00Z");
        api.publish(inUse, 0, new AiSystemRegistered(inUse, organisation, "Risicoprofiel", null, Phase.IN_USE, null, null, null, null, null,
                null, null, LocalDate.of(2019, 9, 1)), t);
        api.publish(inUse, 1, new SystemPaused(inUse, LocalDate.of(2023, 6, 21), "Suspended"), t.plusSeconds(1));
        api.publish(experiment, 0, new AiSystemRegistered(experiment, organisation, "Pilot", null, Phase.EXPERIMENT, null, null, null, null,
                null, null, null, LocalDate.of(2025, 1, 1)), t);
        api.publish(experiment, 1, new SystemPaused(experiment, LocalDate.of(2025, 3, 1), "Waiting for data"), t.plusSeconds(1));
        String path = "/api/portfolio?organisation=" + QueryApi.encode(organisation);
        JsonNode paused = api.awaitJson(path, body -> body.get("systems").asLong() == 2 && body.get("byPhase").get("PAUSED").asLong() == 2);
        assertThat(counts(paused.get("byPhase"))).isEqualTo(Map.of("PLANNED", 0L, "EXPERIMENT", 0L, "IN_USE", 0L, "ENDED", 0L, "PAUSED", 2L));
        assertThat(counts(paused.get("byLifecycle"))).isEqualTo(Map.of("PLANNED", 0L, "EXPERIMENT", 0L, "IN_USE", 0L, "PAUSED", 2L,
                "ENDED_EXPERIMENT", 0L, "ENDED_AFTER_USE", 0L));

        api.publish(inUse, 2, new SystemResumed(inUse, LocalDate.of(2026, 1, 5)), t.plusSeconds(2));
        JsonNode resumed = api.awaitJson(path, body -> body.get("byPhase").get("IN_USE").asLong() == 1);
        assertThat(counts(resumed.get("byPhase"))).isEqualTo(Map.of("PLANNED", 0L, "EXPERIMENT", 0L, "IN_USE", 1L, "ENDED", 0L, "PAUSED", 1L));
        assertThat(counts(resumed.get("byLifecycle"))).isEqualTo(Map.of("PLANNED", 0L, "EXPERIMENT", 0L, "IN_USE", 1L, "PAUSED", 1L,
                "ENDED_EXPERIMENT", 0L, "ENDED_AFTER_USE", 0L));
    }

    @Test
    void theBreakdownsOfOneOrganisationCountItsSystems() throws Exception {
        SamplePortfolio sample = new SamplePortfolio("Ministerie " + UUID.randomUUID(), "Risicomodel").publish(api);
        String path = "/api/portfolio?organisation=" + QueryApi.encode(sample.organisation);
        JsonNode p = api.awaitJson(path, body -> body.get("systems").asLong() == 5
                && body.get("byLifecycle").get("ENDED_AFTER_USE").asLong() == 1 && body.get("byRiskClass").get("HIGH").asLong() == 2
                && body.get("assessments").get("DPIA").get("DONE").asLong() == 2 && body.get("registers").get("euDatabase").asLong() == 1
                && body.get("registers").get("algoritmeregisterTotal").asLong() == 2);

        assertThat(p.get("organisations").asLong()).isEqualTo(1);
        assertThat(counts(p.get("byPhase"))).isEqualTo(Map.of("PLANNED", 1L, "EXPERIMENT", 1L, "IN_USE", 1L, "ENDED", 2L, "PAUSED", 0L));
        assertThat(counts(p.get("byLifecycle"))).isEqualTo(Map.of("PLANNED", 1L, "EXPERIMENT", 1L, "IN_USE", 1L, "PAUSED", 0L,
                "ENDED_EXPERIMENT", 1L, "ENDED_AFTER_USE", 1L));
        assertThat(counts(p.get("byRiskClass"))).isEqualTo(Map.of("UNKNOWN", 1L, "MINIMAL", 1L, "LIMITED", 1L, "HIGH", 2L,
                "PROHIBITED", 0L));
        assertThat(counts(p.get("byPurpose"))).isEqualTo(Map.of("Kennisverwerking", 2L, "Fraudedetectie", 1L,
                "Personeelsselectie", 1L, "UNKNOWN", 1L));
        assertThat(p.get("byPurpose").propertyNames().iterator().next()).as("largest first").isEqualTo("Kennisverwerking");
        assertThat(counts(p.get("byDevelopedBy"))).isEqualTo(Map.of("INTERNAL", 1L, "PURCHASED", 2L, "PARTNERSHIP", 1L,
                "UNKNOWN", 1L));
        assertThat(counts(p.get("byGenerativeAi"))).isEqualTo(Map.of("true", 1L, "false", 3L, "UNKNOWN", 1L));
        // the furthest assessment of each type counts: the chatbot's DPIA went from in progress to done
        assertThat(counts(p.get("assessments").get("DPIA"))).isEqualTo(Map.of("NONE", 3L, "PLANNED", 0L, "IN_PROGRESS", 0L,
                "DONE", 2L));
        assertThat(counts(p.get("assessments").get("IAMA"))).isEqualTo(Map.of("NONE", 4L, "PLANNED", 1L, "IN_PROGRESS", 0L,
                "DONE", 0L));
        assertThat(counts(p.get("assessments").get("FRIA"))).isEqualTo(Map.of("NONE", 5L, "PLANNED", 0L, "IN_PROGRESS", 0L,
                "DONE", 0L));
        assertThat(counts(p.get("registers").get("algoritmeregister"))).isEqualTo(Map.of("A", 1L, "B", 0L, "C", 1L));
        assertThat(p.get("registers").get("none").asLong()).isEqualTo(3);

        // deadlines by month, overdue and violations agree with the obligations stored for the organisation
        JsonNode obligations = api.awaitJson("/api/obligations?limit=10000&organisation=" + QueryApi.encode(sample.organisation),
                body -> new HashSet<>(body.findValuesAsString("systemId")).containsAll(Set.of(sample.high, sample.planned)));
        p = api.getJson(path);
        Map<String, Long> perMonth = new TreeMap<>();
        Map<String, Set<String>> systemsPerMonth = new HashMap<>();
        long overdue = 0;
        long violations = 0;
        for (JsonNode o : obligations) {
            String status = o.get("status").asString();
            overdue += status.equals("OVERDUE") ? 1 : 0;
            violations += status.equals("VIOLATION") ? 1 : 0;
            if (Set.of("NOT_YET_DUE", "DUE_SOON", "OVERDUE").contains(status) && !o.get("dueDate").isNull()) {
                String month = o.get("dueDate").asString().substring(0, 7);
                perMonth.merge(month, 1L, Long::sum);
                systemsPerMonth.computeIfAbsent(month, m -> new HashSet<>()).add(o.get("systemId").asString());
            }
        }
        assertThat(perMonth).isNotEmpty();
        Map<String, Long> shown = new TreeMap<>();
        for (JsonNode month : p.get("deadlinesByMonth")) {
            shown.put(month.get("month").asString(), month.get("obligations").asLong());
            assertThat(month.get("systems").asLong()).isEqualTo(systemsPerMonth.get(month.get("month").asString()).size());
        }
        assertThat(shown).isEqualTo(perMonth);
        assertThat(p.get("overdueCount").asLong()).isEqualTo(overdue);
        assertThat(p.get("overdue").findValuesAsString("status")).hasSize((int) overdue).containsOnly("OVERDUE");
        assertThat(p.get("violationCount").asLong()).isEqualTo(violations);
        assertThat(p.get("violations").size()).isEqualTo((int) violations);

        // across all organisations: at least this one, and the list of organisations names it with its count
        JsonNode all = api.getJson("/api/portfolio");
        assertThat(all.get("systems").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(all.get("organisation").isNull()).isTrue();
        JsonNode organisations = api.getJson("/api/portfolio/organisations");
        assertThat(organisations.get(sample.organisation).asLong()).isEqualTo(5);
    }

    @Test
    void aRulebookVersionBecomingApplicableShowsHowManySystemsAndObligationsMoved() throws Exception {
        SamplePortfolio sample = new SamplePortfolio("Gemeente " + UUID.randomUUID(), "Risicomodel").publish(api);
        api.awaitJson("/api/obligations?systemId=" + sample.planned,
                body -> body.findValuesAsString("code").contains("ART26-DEPLOYER-DUTIES"));
        RulebookVersionApplied applied = new RulebookVersionApplied("ai-act-2026-omnibus", "AI Act as amended by the Digital Omnibus",
                "Regulation (EU) 2026/1744", LocalDate.of(2026, 7, 27));
        api.send(new EventEnvelope(UUID.randomUUID().toString(), "ai-act-2026-omnibus", 0, -1, "RulebookVersionApplied", Instant.now(),
                Map.of("actor", "query-service"), json.valueToTree(applied)));
        String organisation = QueryApi.encode(sample.organisation);
        JsonNode changes = api.awaitJson("/api/rulebooks/changes?organisation=" + organisation, body -> body.size() > 0);
        JsonNode p = api.awaitJson("/api/portfolio?organisation=" + organisation, body -> body.get("rulebookChanges").size() == 1);
        JsonNode impact = p.get("rulebookChanges").get(0);
        assertThat(impact.get("versionId").asString()).isEqualTo("ai-act-2026-omnibus");
        assertThat(impact.get("obligations").asLong()).isEqualTo(changes.size());
        assertThat(impact.get("systems").asLong()).isEqualTo(new HashSet<>(changes.findValuesAsString("systemId")).size());
        assertThat(changes.findValuesAsString("systemId")).contains(sample.planned);
    }

    /**
     * Issue 21: the portfolio is read from counts the projection keeps (at 1,000,000 systems, counting every row per request took
     * 32.7 s). Whatever wrote the projection (events, the daily re-evaluation, a rebuild), the counts equal a recount of its tables, read
     * in one snapshot, and the portfolio is the same before and after a rebuild.
     */
    @Test
    void theCountsTheProjectionKeepsEqualARecountOfItsTables() throws Exception {
        SamplePortfolio sample = new SamplePortfolio("Ministerie " + UUID.randomUUID(), "Risicomodel").publish(api);
        String path = "/api/portfolio?organisation=" + QueryApi.encode(sample.organisation);
        api.awaitJson(path, body -> body.get("systems").asLong() == 5 && body.get("byLifecycle").get("ENDED_AFTER_USE").asLong() == 1
                && body.get("assessments").get("DPIA").get("DONE").asLong() == 2);
        api.publish(sample.high, 6, new SystemPaused(sample.high, LocalDate.of(2026, 3, 1), "Under review"),
                Instant.parse("2026-03-01T09:00:00Z"));
        JsonNode before = api.awaitJson(path, body -> body.get("byPhase").get("PAUSED").asLong() == 1);
        assertCountsEqualARecount();

        obligations.refreshAll(); // the daily re-evaluation's path: every system's obligations replaced, page by page
        assertCountsEqualARecount();
        assertThat(api.getJson(path)).isEqualTo(before);

        assertThat(api.post("/api/admin/projections/systems/rebuild").statusCode()).isEqualTo(202);
        api.awaitJson("/api/admin/projections/systems/rebuild", status -> !status.get("running").asBoolean());
        assertCountsEqualARecount();
        assertThat(api.getJson(path)).isEqualTo(before);
        assertThat(counts.stored()).as("kept for this organisation").containsKey(
                new PortfolioCounts.Count(sample.organisation, "phase", "PAUSED"));

        // a write that rolls back leaves the counts as they were
        Map<PortfolioCounts.Count, Long> stored = counts.stored();
        transactions.executeWithoutResult(status -> {
            jdbc.update("UPDATE ai_system SET phase = 'ENDED' WHERE id = ?", sample.high);
            var state = systems.find(sample.high).orElseThrow();
            systems.saveAll(java.util.List.of(state));
            status.setRollbackOnly();
        });
        assertThat(counts.stored()).isEqualTo(stored);
    }

    /** The counts as stored and as recounted, read in one snapshot (the projection may write meanwhile). */
    private void assertCountsEqualARecount() {
        TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        snapshot.executeWithoutResult(status -> {
            Map<PortfolioCounts.Count, Long> stored = counts.stored();
            assertThat(stored).isNotEmpty().isEqualTo(counts.recounted());
        });
    }

    @Test
    void aTooLongOrganisationIsRefusedWithAProblemDetail() throws Exception {
        var response = api.get("/api/portfolio?organisation=" + "x".repeat(201));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> map = new HashMap<>();
        for (String name : object.propertyNames()) {
            map.put(name, object.get(name).asLong());
        }
        return map;
    }
}
