package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a rulebook version moved is decided once, by the command service, as it records the version: every system folded from the event
 * store, evaluated under the rulebooks before and from the version's date; the moves are stored as DeadlinesMoved events (per
 * organisation, in parts of at most 500) in the same unit of work as the RulebookVersionApplied event, on the version's aggregate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeadlinesMovedIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;
    @Value("${local.server.port}")
    private int port;
    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("command_moves_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-moves-events");
    }

    @Test
    void theVersionsMovesAreRecordedWithItPerOrganisationInPartsAsTheRecordsWereThen() throws Exception {
        String big = "Uitvoeringsorganisatie " + UUID.randomUUID();
        String small = "Gemeente " + UUID.randomUUID();
        // 105 planned high-risk systems of one organisation (five moved duties each: more than one part), one of another, and one
        // minimal-risk system whose dates the amendment does not move
        List<String> bigSystems = new ArrayList<>();
        for (int i = 0; i < 105; i++) {
            bigSystems.add(highRisk(big, "Toekenning " + i));
        }
        String smallSystem = highRisk(small, "Bijstand");
        String minimal = register(small, "Routeplanner");

        HttpResponse<String> applied = post("/api/rulebooks/ai-act-2026-omnibus/applications", """
                {"title":"AI Act as amended by the Digital Omnibus","legalSource":"Regulation (EU) 2026/1744","inForceFrom":"2026-07-27"}""");
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);

        List<JsonNode> events = new ArrayList<>();
        List<String> types = new ArrayList<>();
        jdbc.query("""
                SELECT payloadtype, convert_from(payload, 'UTF8') AS payload FROM domainevententry
                WHERE type = 'RulebookVersion' AND aggregateidentifier = 'ai-act-2026-omnibus' ORDER BY sequencenumber""", rs -> {
            types.add(rs.getString("payloadtype").substring(rs.getString("payloadtype").lastIndexOf('.') + 1));
            events.add(json.readTree(rs.getString("payload")));
        });
        assertThat(types.get(0)).isEqualTo("RulebookVersionApplied");
        assertThat(events.get(0).get("movesDecided").asBoolean()).isTrue();
        List<JsonNode> moved = events.subList(1, events.size());
        assertThat(types.subList(1, types.size())).containsOnly("DeadlinesMoved");
        List<JsonNode> ofBig = moved.stream().filter(e -> e.get("organisation").asString().equals(big)).toList();
        List<JsonNode> ofSmall = moved.stream().filter(e -> e.get("organisation").asString().equals(small)).toList();
        assertThat(ofBig).hasSizeGreaterThan(1).allSatisfy(e -> {
            assertThat(e.get("moves").size()).isBetween(1, 500);
            assertThat(e.get("parts").asInt()).isEqualTo(ofBig.size());
        });
        assertThat(ofBig.stream().map(e -> e.get("part").asInt())).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, ofBig.size()).boxed().toList());
        assertThat(ofBig.stream().flatMap(e -> e.get("moves").valueStream()).map(m -> m.get("systemId").asString()).distinct())
                .containsExactlyInAnyOrderElementsOf(bigSystems);
        assertThat(ofSmall).singleElement().satisfies(e -> {
            assertThat(e.get("part").asInt()).isEqualTo(1);
            assertThat(e.get("parts").asInt()).isEqualTo(1);
            assertThat(e.get("systemsEvaluated").asInt()).as("every system evaluated").isGreaterThanOrEqualTo(107);
            JsonNode deployer = e.get("moves").valueStream().filter(m -> m.get("systemId").asString().equals(smallSystem)
                    && m.get("code").asString().equals("ART26-DEPLOYER-DUTIES")).findFirst().orElseThrow();
            assertThat(deployer.get("oldDueDate").asString()).isEqualTo("2026-08-02");
            assertThat(deployer.get("newDueDate").asString()).isEqualTo("2027-12-02");
            assertThat(deployer.get("oldRulebook").asString()).isEqualTo("ai-act-2024");
            assertThat(deployer.get("newRulebook").asString()).isEqualTo("ai-act-2026-omnibus");
            assertThat(e.get("moves").valueStream().map(m -> m.get("systemId").asString())).doesNotContain(minimal);
        });

        // recorded once: asked again, the version is not recorded again, nor are its moves
        assertThat(post("/api/rulebooks/ai-act-2026-omnibus/applications", """
                {"title":"AI Act as amended by the Digital Omnibus","legalSource":"Regulation (EU) 2026/1744","inForceFrom":"2026-07-27"}""")
                .statusCode()).isEqualTo(409);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = 'ai-act-2026-omnibus'",
                Integer.class)).isEqualTo(events.size());
    }

    private String highRisk(String organisation, String name) throws Exception {
        String id = register(organisation, name);
        HttpResponse<String> classified = post("/api/systems/" + id + "/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"Benefit decisions"}""");
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        return id;
    }

    private String register(String organisation, String name) throws Exception {
        HttpResponse<String> created = post("/api/systems", """
                {"organisation":"%s","name":"%s","initialPhase":"PLANNED","publicAuthority":true,"role":"DEPLOYER",
                 "effectiveDate":"2026-01-05"}""".formatted(organisation, name));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("Content-Type", "application/json")
                .header("X-Actor", "test").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
