package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One system's whole life through the REST API against real PostgreSQL and Kafka, with every bad request on the way refused with problem
 * details that name the field, and nothing stored for it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CommandRestIT {

    private static final String SCHEMA = "command_rest_it";

    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties(SCHEMA).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-rest-events");
    }

    @Test
    void aSystemIsWalkedThroughItsWholeLifeAndEveryBadStepChangesNothing() throws Exception {
        String id = id(expect(201, post("/api/systems", """
                {"organisation":"Gemeente Utrecht","name":"Bijstandsfraude-signalering","description":"Flags applications for review",
                 "purpose":"Fraud detection","developedBy":"PURCHASED","supplier":"Acme","model":"GBM v2","generativeAi":false,
                 "role":"DEPLOYER","publicAuthority":true,"initialPhase":"EXPERIMENT","effectiveDate":"2023-02-01",
                 "reason":"Inventory 2026"}""")));
        String base = "/api/systems/" + id;

        refused(400, "riskClass", post(base + "/classification", "{\"riskClass\":\"EXTREME\",\"rationale\":\"x\"}"));
        refused(400, "bases", post(base + "/classification", "{\"riskClass\":\"HIGH\",\"rationale\":\"x\"}"));
        assertThat(version(expect(200, post(base + "/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"Access to public benefits",
                 "expectedVersion":0}""")))).isEqualTo(1);
        refused(409, "expectedVersion", post(base + "/classification", """
                {"riskClass":"LIMITED","bases":[{"kind":"ART50_TYPE","reference":"50(1)"}],"rationale":"x","expectedVersion":0}"""));
        refused(400, "rationale", post(base + "/classification", "{\"riskClass\":\"MINIMAL\",\"rationale\":\"not high after all\"}"));
        JsonNode lowered = expect(200, post(base + "/classification", """
                {"riskClass":"PROHIBITED","bases":[{"kind":"ART5_PRACTICE","reference":"5(1)(c)"}],"rationale":"Social scoring by a public body, as the legal department concluded."}"""));
        assertThat(version(lowered)).isEqualTo(2);
        expect(200, post(base + "/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":
                 "The features that scored behaviour were removed; what remains assesses eligibility for benefits (Annex III 5(a))."}"""));

        refused(400, "effectiveDate", post(base + "/service", "{\"effectiveDate\":\"" + LocalDate.now().plusDays(2) + "\"}"));
        refused(400, "effectiveDate", post(base + "/service", "{\"effectiveDate\":\"2022-12-31\"}"));
        refused(400, "effectiveDate", post(base + "/service", "{\"effectiveDate\":\"1 march 2023\"}"));
        expect(200, post(base + "/service", "{\"effectiveDate\":\"2023-09-01\"}"));
        refused(409, "phase", post(base + "/service", "{}"));

        String dpia = expect(200, post(base + "/assessments",
                "{\"type\":\"DPIA\",\"status\":\"DONE\",\"effectiveDate\":\"2023-01-15\",\"reference\":\"dms://dpia-7\"}"))
                .get("assessmentId").asString();
        String fria = expect(200, post(base + "/assessments", "{\"type\":\"FRIA\",\"status\":\"PLANNED\",\"effectiveDate\":\""
                + LocalDate.now().plusMonths(2) + "\"}")).get("assessmentId").asString();
        assertThat(dpia).isNotEqualTo(fria);
        expect(200, post(base + "/assessments", "{\"assessmentId\":\"" + fria + "\",\"status\":\"DONE\",\"reference\":\"dms://fria-1\"}"));
        refused(409, "status", post(base + "/assessments", "{\"assessmentId\":\"" + fria + "\",\"status\":\"PLANNED\"}"));
        refused(400, "type", post(base + "/assessments", "{\"type\":\"AUDIT\",\"status\":\"DONE\"}"));

        refused(400, "category", post(base + "/registrations", "{\"register\":\"EU_DATABASE\",\"category\":\"A\",\"registerId\":\"eu-1\"}"));
        expect(200, post(base + "/registrations", "{\"register\":\"EU_DATABASE\",\"registerId\":\"EU-2026-0042\"}"));
        expect(200, post(base + "/registrations", "{\"register\":\"ALGORITMEREGISTER\",\"category\":\"A\",\"registerId\":\"ar-7781\"}"));

        refused(400, "description", post(base + "/modifications", "{\"description\":\"\"}"));
        expect(200, post(base + "/modifications", "{\"effectiveDate\":\"2026-09-01\",\"description\":\"Retrained on 2025 data\"}"));

        refused(400, "endReason", post(base + "/end", "{\"endReason\":\"BORED\"}"));
        refused(400, "explanation", post(base + "/end", "{\"endReason\":\"OTHER\"}"));
        JsonNode ended = expect(200, post(base + "/end", "{\"endReason\":\"REPLACED\",\"explanation\":\"New system\"}"));
        refused(409, "phase", post(base + "/end", "{\"endReason\":\"REPLACED\"}"));
        refused(409, "phase", post(base + "/modifications", "{\"description\":\"too late\"}"));

        expect(200, post(base + "/evidence", """
                {"obligationCode":"ART26-DEPLOYER-DUTIES","kind":"FULFILLED","statement":"Logs kept 6 months","reference":"dms://logs"}"""));
        refused(400, "statement", post(base + "/evidence", "{\"obligationCode\":\"ART27-FRIA\",\"kind\":\"NOT_APPLICABLE\",\"statement\":\"n/a\"}"));
        JsonNode corrected = expect(200, post(base + "/corrections",
                "{\"fact\":\"SUPPLIER\",\"value\":\"Acme B.V.\",\"rationale\":\"Legal name from the contract\"}"));
        assertThat(version(corrected)).isEqualTo(version(ended) + 2);
        refused(400, "value", post(base + "/corrections", "{\"fact\":\"IN_SERVICE_SINCE\",\"value\":\"soon\",\"rationale\":\"x\"}"));

        List<String> types = jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, id);
        assertThat(types).extracting(t -> t.substring(t.lastIndexOf('.') + 1)).containsExactly("AiSystemRegistered", "RiskClassified",
                "RiskClassified", "RiskClassified", "SystemPutIntoService", "AssessmentRecorded", "AssessmentRecorded", "AssessmentRecorded",
                "PublicRegistrationRecorded", "PublicRegistrationRecorded", "SignificantModificationRecorded", "SystemEnded",
                "ObligationEvidenceRecorded", "FactCorrected");
    }

    /** Issue 16: legal grounds from the catalogue of provisions (aliases accepted, canonical ids stored) and evidence codes of the rulebooks. */
    @Test
    void legalGroundsAndEvidenceCodesAreCheckedAgainstTheLawAndRefusalsHelp() throws Exception {
        String id = id(expect(201, post("/api/systems", """
                {"organisation":"Gemeente Utrecht","name":"Bijstandstoekenning","role":"DEPLOYER","publicAuthority":true,
                 "initialPhase":"IN_USE","effectiveDate":"2024-03-01"}""")));
        String base = "/api/systems/" + id;
        long before = eventCount();
        JsonNode unknown = refusedWith(400, "bases[0].reference", post(base + "/classification", """
                {"riskClass":"PROHIBITED","bases":[{"kind":"ART5_PRACTICE","reference":"5(1)(z)"}],"rationale":"x"}"""));
        assertThat(unknown.get("detail").asString()).contains("'5(1)(z)' is not a known provision of kind ART5_PRACTICE; nearest: 5(1)(a)");
        assertThat(unknown.get("errors").get(0).get("accepted").valueStream().map(JsonNode::asString)).contains("5(1)(a)").hasSize(5);
        JsonNode otherKind = refusedWith(400, "bases[0].reference", post(base + "/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"Art. 5(1)(c)"}],"rationale":"x"}"""));
        assertThat(otherKind.get("detail").asString()).contains("a provision of kind ART5_PRACTICE, not ANNEX_III_AREA");
        assertThat(eventCount()).isEqualTo(before);

        expect(200, post(base + "/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"Annex III point 5(a)"}],"rationale":"benefits"}"""));
        assertThat(lastPayload(id)).contains("\"reference\":\"III.5(a)\"").doesNotContain("Annex III point");

        before = eventCount();
        for (String code : List.of("ART26_LOGS", "TOTALLY-MADE-UP")) {
            JsonNode refusal = refusedWith(400, "obligationCode", post(base + "/evidence",
                    "{\"obligationCode\":\"" + code + "\",\"kind\":\"FULFILLED\",\"statement\":\"Logs kept 6 months\"}"));
            assertThat(refusal.get("detail").asString()).contains("'" + code + "' is not a rule of the rulebooks", "ART26-DEPLOYER-DUTIES");
            assertThat(refusal.get("errors").get(0).get("accepted").valueStream().map(JsonNode::asString))
                    .contains("ART26-DEPLOYER-DUTIES", "ART27-FRIA", "ART49-3-REGISTRATION", "ART4-LITERACY");
        }
        assertThat(eventCount()).isEqualTo(before);
        expect(200, post(base + "/evidence", """
                {"obligationCode":"art26-deployer-duties","kind":"FULFILLED","statement":"Logs kept 6 months"}"""));
        assertThat(lastPayload(id)).contains("\"obligationCode\":\"ART26-DEPLOYER-DUTIES\"");
    }

    /** Issue 19: importers, distributors and authorised representatives are refused with the reason; a model's facts need a model. */
    @Test
    void rolesTheTrackerDoesNotRecordAndGpaiFactsOfANonModelAreRefusedWithTheReason() throws Exception {
        long before = eventCount();
        for (String role : List.of("IMPORTER", "DISTRIBUTOR", "AUTHORISED_REPRESENTATIVE")) {
            JsonNode refusal = refusedWith(400, "role", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\",\"role\":\""
                    + role + "\",\"initialPhase\":\"IN_USE\"}"));
            assertThat(refusal.get("detail").asString()).contains("must be one of PROVIDER, DEPLOYER, BOTH",
                    "does not record importers, distributors or authorised representatives (Art 22 to 24)");
        }
        assertThat(eventCount()).isEqualTo(before);
        String id = id(expect(201, post("/api/systems", """
                {"organisation":"UWV","name":"Schrijfhulp","role":"DEPLOYER","initialPhase":"IN_USE","generativeAi":true}""")));
        before = eventCount();
        refused(400, "gpaiSystemicRisk", post("/api/systems/" + id + "/classification", """
                {"riskClass":"MINIMAL","gpai":"USES_GPAI_MODEL","gpaiSystemicRisk":true,"rationale":"drafts letters"}"""));
        refused(400, "value", post("/api/systems/" + id + "/corrections",
                "{\"fact\":\"ROLE\",\"value\":\"DISTRIBUTOR\",\"rationale\":\"we resell it\"}"));
        assertThat(eventCount()).isEqualTo(before);
        expect(200, post("/api/systems/" + id + "/classification", """
                {"riskClass":"MINIMAL","gpai":"IS_GPAI_MODEL","gpaiSystemicRisk":false,"gpaiOpenSource":true,"rationale":"our own model"}"""));
        assertThat(lastPayload(id)).contains("\"gpaiSystemicRisk\":false", "\"gpaiOpenSource\":true");
    }

    /** GET /api/provisions: the catalogue for the web forms' pickers, {id, kind, title {nl, en}, aliases, source}. */
    /** Issue 17: a registration in the Algoritmeregister and a classification may carry a review date, never before their own date. */
    @Test
    void aReviewDateIsStoredWithItsRecordAndOneBeforeTheEffectiveDateIsRefused() throws Exception {
        String id = id(expect(201, post("/api/systems", """
                {"organisation":"Gemeente Utrecht","name":"Parkeerhandhaving","role":"DEPLOYER","publicAuthority":true,
                 "initialPhase":"IN_USE","effectiveDate":"2024-03-01"}""")));
        String base = "/api/systems/" + id;
        long before = eventCount();
        JsonNode early = refusedWith(400, "reviewDate", post(base + "/registrations", """
                {"register":"ALGORITMEREGISTER","category":"B","registerId":"ar-9","effectiveDate":"2025-05-01","reviewDate":"2025-04-30"}"""));
        assertThat(early.get("detail").asString()).contains("reviewDate 2025-04-30 is before the registration's effective date 2025-05-01");
        refused(400, "reviewDate", post(base + "/registrations", """
                {"register":"ALGORITMEREGISTER","category":"B","registerId":"ar-9","reviewDate":"1 May 2026"}"""));
        refused(400, "reviewDate", post(base + "/registrations", """
                {"register":"EU_DATABASE","registerId":"EU-1","reviewDate":"2030-01-01"}"""));
        refused(400, "reviewDate", post(base + "/classification", """
                {"riskClass":"MINIMAL","rationale":"no Annex III area","effectiveDate":"2025-02-01","reviewDate":"2025-01-31"}"""));
        assertThat(eventCount()).isEqualTo(before);

        expect(200, post(base + "/registrations", """
                {"register":"ALGORITMEREGISTER","category":"B","registerId":"ar-9","effectiveDate":"2025-05-01","reviewDate":"2026-05-01"}"""));
        assertThat(lastPayload(id)).contains("\"reviewDate\":\"2026-05-01\"");
        expect(200, post(base + "/classification", """
                {"riskClass":"MINIMAL","rationale":"no Annex III area","effectiveDate":"2025-02-01","reviewDate":"2025-02-01"}"""));
        assertThat(lastPayload(id)).contains("\"reviewDate\":\"2025-02-01\"");
    }

    @Test
    void theCatalogueOfProvisionsIsServed() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/api/provisions")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode list = expect(200, response);
        assertThat(list.size()).isGreaterThan(70);
        JsonNode ba = list.valueStream().filter(p -> p.get("id").asString().equals("5(1)(ba)")).findFirst().orElseThrow();
        assertThat(ba.get("kind").asString()).isEqualTo("ART5_PRACTICE");
        assertThat(ba.get("title").get("nl").asString()).isNotBlank();
        assertThat(ba.get("title").get("en").asString()).contains("non-consensual");
        assertThat(ba.get("aliases").valueStream().map(JsonNode::asString)).contains("5(1)(i)");
        assertThat(ba.get("source").asString()).contains("2026/1744");
        assertThat(list.valueStream().map(p -> p.get("id").asString())).contains("III.2", "III.5(a)", "I.A.11", "I.B", "50(4)", "6(3)(d)");
        assertThat(list.valueStream().filter(p -> p.get("id").asString().equals("III.5(a)")).findFirst().orElseThrow()
                .get("parent").asString()).isEqualTo("III.5");
    }

    @Test
    void everyEventCarriesWhoDidItWhyAndForWhichOrganisation() throws Exception {
        HttpResponse<String> response = send("/api/systems", """
                {"organisation":"UWV","name":"Spraakherkenning","initialPhase":"IN_USE","reason":"Found in the 2026 inventory"}""",
                "alice@uwv.nl", "corr-123", null);
        String id = id(expect(201, response));
        assertThat(response.headers().firstValue("X-Correlation-Id")).hasValue("corr-123");
        String metadata = jdbc.queryForObject("SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, id);
        JsonNode values = json.readTree(metadata);
        assertThat(values.get("actor").asString()).isEqualTo("alice@uwv.nl");
        assertThat(values.get("organisation").asString()).isEqualTo("UWV");
        assertThat(values.get("reason").asString()).isEqualTo("Found in the 2026 inventory");
        assertThat(values.get("correlationId").asString()).isEqualTo("corr-123");
    }

    @Test
    void aRetriedCommandUnderTheSameIdempotencyKeyIsANoOp() throws Exception {
        String body = "{\"organisation\":\"DUO\",\"name\":\"Risicoprofiel\",\"initialPhase\":\"EXPERIMENT\"}";
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = send("/api/systems", body, "bob", null, key);
        HttpResponse<String> retry = send("/api/systems", body, "bob", null, key);
        String id = id(expect(201, first));
        assertThat(id(expect(201, retry))).isEqualTo(id);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");

        String serviceKey = UUID.randomUUID().toString();
        long v1 = version(expect(200, send("/api/systems/" + id + "/service", "{}", "bob", null, serviceKey)));
        long v2 = version(expect(200, send("/api/systems/" + id + "/service", "{}", "bob", null, serviceKey)));
        assertThat(v2).isEqualTo(v1);
        String assessmentKey = UUID.randomUUID().toString();
        String a1 = expect(200, send("/api/systems/" + id + "/assessments", "{\"type\":\"DPIA\",\"status\":\"DONE\"}", "bob", null,
                assessmentKey)).get("assessmentId").asString();
        String a2 = expect(200, send("/api/systems/" + id + "/assessments", "{\"type\":\"DPIA\",\"status\":\"DONE\"}", "bob", null,
                assessmentKey)).get("assessmentId").asString();
        assertThat(a2).isEqualTo(a1);
        assertThat(eventsOf(id)).isEqualTo(3);

        long before = eventCount();
        refused(422, "Idempotency-Key", send("/api/systems", body.replace("Risicoprofiel", "Ander systeem"), "bob", null, key));
        assertThat(eventCount()).isEqualTo(before);
    }

    /**
     * Systems are cached between commands (AggregateCacheConfiguration). An event stored by another writer after the system was cached
     * (here copied in with SQL, as a second command service on the same database would store one) is not missed: the stale version's
     * append collides, and the command is decided again on every stored event.
     */
    @Test
    void anEventStoredByAnotherWriterIsSeenByTheNextCommand() throws Exception {
        String id = id(expect(201, post("/api/systems", "{\"organisation\":\"DUO\",\"name\":\"Studievoorschot-check\","
                + "\"initialPhase\":\"EXPERIMENT\"}")));
        String base = "/api/systems/" + id;
        assertThat(version(expect(200, post(base + "/classification", """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.3(a)"}],"rationale":"Access to education",
                 "expectedVersion":0}""")))).isEqualTo(1);
        jdbc.update("""
                INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype,
                                              payloadrevision, payload, metadata)
                SELECT gen_random_uuid()::text, aggregateidentifier, sequencenumber + 1, type, timestamp, payloadtype, payloadrevision,
                       payload, metadata
                FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 1""", id);

        JsonNode stale = refusedWith(409, "expectedVersion", post(base + "/classification", """
                {"riskClass":"LIMITED","bases":[{"kind":"ART50_TYPE","reference":"50(1)"}],"expectedVersion":1,"rationale":
                 "It only suggests a study plan; the decision on the loan is taken by a case officer on the file, as the DPO confirmed."}"""));
        assertThat(stale.get("actualVersion").asLong()).isEqualTo(2);
        assertThat(version(expect(200, post(base + "/assessments", "{\"type\":\"DPIA\",\"status\":\"DONE\"}")))).isEqualTo(3);
        assertThat(jdbc.queryForList("SELECT payloadtype FROM domainevententry WHERE aggregateidentifier = ? ORDER BY sequencenumber",
                String.class, id)).extracting(t -> t.substring(t.lastIndexOf('.') + 1))
                .containsExactly("AiSystemRegistered", "RiskClassified", "RiskClassified", "AssessmentRecorded");
    }

    @Test
    void requestsThatAreNotCommandsAreRefusedAndStoreNothing() throws Exception {
        long before = eventCount();
        String valid = "{\"organisation\":\"UWV\",\"name\":\"x\",\"initialPhase\":\"IN_USE\"}";
        refused(400, "X-Actor", send("/api/systems", valid, null, null, null));
        refused(400, "Idempotency-Key", send("/api/systems", valid, "bob", null, "not a key!"));
        refused(400, "X-Correlation-Id", send("/api/systems", valid, "bob", "x".repeat(201), null));
        refused(400, "organisation", post("/api/systems", "{\"organisation\":\" \",\"name\":\"x\",\"initialPhase\":\"IN_USE\"}"));
        refused(400, "initialPhase", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\",\"initialPhase\":\"PRODUCTION\"}"));
        refused(400, "initialPhase", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\",\"initialPhase\":\"ENDED\"}"));
        refused(400, "owner", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\",\"initialPhase\":\"IN_USE\",\"owner\":\"me\"}"));
        refused(400, "name", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"" + "x".repeat(201) + "\",\"initialPhase\":\"IN_USE\"}"));
        refused(400, "", post("/api/systems", "{\"organisation\":"));
        refused(415, "", http.send(HttpRequest.newBuilder(uri("/api/systems")).header("Content-Type", "text/plain").header("X-Actor", "bob")
                .POST(HttpRequest.BodyPublishers.ofString("organisation=UWV")).build(), HttpResponse.BodyHandlers.ofString()));
        refused(404, "", post("/api/systems/" + UUID.randomUUID() + "/service", "{}"));
        // issue 15: a read sent to the command service is told where reads are ("No static resource" before)
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(uri("/api/systems/" + UUID.randomUUID())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        refused(404, "path", read);
        assertThat(json.readTree(read.body()).get("detail").asString()).contains("query service").doesNotContain("static resource");
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/api/systems")).GET().build(), HttpResponse.BodyHandlers.ofString());
        refused(405, "method", list);
        assertThat(json.readTree(list.body()).get("detail").asString()).contains("supported: POST").contains("query service");
        refused(400, "expectedVersion", post("/api/systems/" + UUID.randomUUID() + "/service", "{\"expectedVersion\":-1}"));
        assertThat(eventCount()).isEqualTo(before);
    }

    /** Issue 15: a text no reader could store (NUL, other controls, unpaired surrogates, invalid UTF-8) is a 400 naming the field. */
    @Test
    void textThatCannotBeStoredIsRefusedNamingTheFieldAndAnythingElseIsKeptAsSent() throws Exception {
        long before = eventCount();
        refused(400, "reason", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\",\"initialPhase\":\"IN_USE\",\"reason\":\"a\\u0000b\"}"));
        refused(400, "name", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\\u0007\",\"initialPhase\":\"IN_USE\"}"));
        refused(400, "description", post("/api/systems", "{\"organisation\":\"UWV\",\"name\":\"x\",\"description\":\"\\ud800\",\"initialPhase\":\"IN_USE\"}"));
        refused(400, "organisation", post("/api/systems", "{\"organisation\":\"UWV\\u001b[2J\",\"name\":\"x\",\"initialPhase\":\"IN_USE\"}"));
        byte[] invalidUtf8 = "{\"organisation\":\"UWV\",\"name\":\"x?y\",\"initialPhase\":\"IN_USE\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        invalidUtf8[new String(invalidUtf8, java.nio.charset.StandardCharsets.UTF_8).indexOf('?')] = (byte) 0xC3; // a lead byte, then 'y'
        refused(400, "name", http.send(HttpRequest.newBuilder(uri("/api/systems")).header("Content-Type", "application/json")
                .header("X-Actor", "it-test").POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8)).build(),
                HttpResponse.BodyHandlers.ofString()));
        refused(400, "id", post("/api/systems/a%07b/service", "{}"));
        assertThat(eventCount()).isEqualTo(before);

        String kept = "\u202Eexe.txt\u202C \uD83D\uDE00 tab\tnew\nline";
        String id = id(expect(201, post("/api/systems", json.writeValueAsString(java.util.Map.of("organisation", "UWV", "name", kept,
                "initialPhase", "IN_USE", "reason", kept)))));
        refused(400, "reason", post("/api/systems/" + id + "/pause", "{\"reason\":\"\\u0000\"}"));
        refused(400, "rationale", post("/api/systems/" + id + "/classification", "{\"riskClass\":\"MINIMAL\",\"rationale\":\"\\udc00x\"}"));
        assertThat(json.readTree(lastPayload(id)).get("name").asString()).isEqualTo(kept);
        assertThat(eventsOf(id)).isEqualTo(1);
    }

    @Test
    void aRulebookVersionBecomesApplicableOnce() throws Exception {
        String version = "test-rulebook-" + UUID.randomUUID().toString().substring(0, 8);
        String body = "{\"title\":\"Test rules\",\"legalSource\":\"Regulation (EU) 2024/1689\",\"inForceFrom\":\"2024-08-01\"}";
        String key = "apply-" + version;
        HttpResponse<String> first = send("/api/rulebooks/" + version + "/applications", body, "query-service", null, key);
        assertThat(id(expect(201, first))).isEqualTo(version);
        expect(201, send("/api/rulebooks/" + version + "/applications", body, "query-service", null, key));
        String again = refusedWith(409, "", post("/api/rulebooks/" + version + "/applications", body)).get("detail").asString();
        assertThat(again).startsWith("It was recorded before.").contains(version).doesNotContainIgnoringCase("insert")
                .doesNotContainIgnoringCase("original message");
        refused(400, "versionId", post("/api/rulebooks/Not%20An%20Id/applications", body));
        assertThat(eventsOf(version)).isEqualTo(1);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(path, body, "it-test", null, null);
    }

    private HttpResponse<String> send(String path, String body, String actor, String correlationId, String idempotencyKey)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        List<String> headers = new ArrayList<>();
        if (actor != null) {
            headers.addAll(List.of("X-Actor", actor));
        }
        if (correlationId != null) {
            headers.addAll(List.of("X-Correlation-Id", correlationId));
        }
        if (idempotencyKey != null) {
            headers.addAll(List.of("Idempotency-Key", idempotencyKey));
        }
        if (!headers.isEmpty()) {
            request.headers(headers.toArray(String[]::new));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path);
    }

    private JsonNode expect(int status, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return json.readTree(response.body());
    }

    /** A refusal: the status, problem details, the field named, and the system's events untouched. */
    private void refused(int status, String field, HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).isNotBlank();
        if (!field.isEmpty()) {
            assertThat(problem.get("errors").findValuesAsString("field")).as(response.body()).anySatisfy(f -> assertThat(f).contains(field));
        }
    }

    /** A refusal as {@link #refused}, answering its problem details. */
    private JsonNode refusedWith(int status, String field, HttpResponse<String> response) {
        refused(status, field, response);
        return json.readTree(response.body());
    }

    private String lastPayload(String id) {
        return jdbc.queryForObject("SELECT convert_from(payload, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ? "
                + "ORDER BY sequencenumber DESC LIMIT 1", String.class, id);
    }

    private static String id(JsonNode outcome) {
        return outcome.get("id").asString();
    }

    private static long version(JsonNode outcome) {
        return outcome.get("version").asLong();
    }

    private long eventsOf(String id) {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, id);
    }

    private long eventCount() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }
}
