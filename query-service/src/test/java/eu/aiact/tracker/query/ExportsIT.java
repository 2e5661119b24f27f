package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Algoritmeregister export (JSON and CSV, refused systems listed) and the deadline calendar, parsed by ical4j. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ExportsIT {

    private static final String TOPIC = "it-export-events";
    private static final String ORGANISATION = "Provincie " + UUID.randomUUID() + ", afdeling; Data";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());

    @Autowired
    private JsonMapper json;
    private QueryApi api;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("export_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.obligations-topic", () -> "it-export-feed");
        registry.add("tracker.exports.contacts[" + ORGANISATION + "]", () -> "algoritmes@provincie.example");
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
    void theAlgoritmeregisterExportHoldsCompleteEntriesAndListsTheRefusedWithWhatTheyMiss() throws Exception {
        SamplePortfolio sample = new SamplePortfolio(ORGANISATION, "Risicomodel \"toezicht\", versie 2").publish(api);
        String longName = "Zeer lang systeem ".repeat(7);
        String tooLong = UUID.randomUUID().toString();
        api.publish(tooLong, 0, new AiSystemRegistered(tooLong, ORGANISATION, longName, "x".repeat(400), Phase.IN_USE, "Overig",
                DevelopedBy.INTERNAL, null, null, false, Role.DEPLOYER, true, LocalDate.of(2022, 1, 1)), Instant.now());
        String path = "/api/exports/algoritmeregister?format=json&organisation=" + QueryApi.encode(ORGANISATION);
        JsonNode result = api.awaitJson(path, body -> body.get("exported").size() + body.get("refused").size() == 6);

        assertThat(result.get("exported").findValuesAsString("systemId")).containsExactlyInAnyOrder(sample.high, sample.endedExperiment,
                sample.planned);
        JsonNode high = entry(result.get("exported"), sample.high);
        assertThat(high.get("name").asString()).isEqualTo("Risicomodel \"toezicht\", versie 2");
        assertThat(high.get("status").asString()).isEqualTo("In gebruik");
        assertThat(high.get("beginDate").asString()).isEqualTo("2020-03-01");
        assertThat(high.get("publicationCategory").asString()).isEqualTo("A");
        assertThat(high.get("impactAssessments").asString()).as("the IAMA is only planned").isEqualTo("DPIA");
        assertThat(high.get("contact").asString()).isEqualTo("algoritmes@provincie.example");
        JsonNode ended = entry(result.get("exported"), sample.endedExperiment);
        assertThat(ended.get("status").asString()).isEqualTo("Buiten gebruik");
        assertThat(ended.get("endDate").asString()).isEqualTo("2024-01-31");
        assertThat(ended.get("publicationCategory").asString()).isEqualTo("C");
        JsonNode planned = entry(result.get("exported"), sample.planned);
        assertThat(planned.get("status").asString()).isEqualTo("In ontwikkeling");
        assertThat(planned.get("publicationCategory").asString()).as("high-risk: category A").isEqualTo("A");

        JsonNode chatbot = entry(result.get("refused"), sample.chatbot);
        assertThat(chatbot.get("missing").valueStream().map(JsonNode::asString)).containsExactly("publicationCategory");
        JsonNode old = entry(result.get("refused"), sample.endedAfterUse);
        assertThat(old.get("missing").valueStream().map(JsonNode::asString)).containsExactly("shortDescription", "publicationCategory");
        JsonNode lengthy = entry(result.get("refused"), tooLong);
        assertThat(lengthy.get("tooLong").valueStream().map(JsonNode::asString)).hasSize(2)
                .anySatisfy(t -> assertThat(t).startsWith("name (126 characters"))
                .anySatisfy(t -> assertThat(t).startsWith("shortDescription (400 characters"));

        // CSV: a header, then the three exported entries, with quotes and commas escaped; the refused ones counted in a header
        HttpResponse<String> csv = api.get("/api/exports/algoritmeregister?format=csv&organisation=" + QueryApi.encode(ORGANISATION));
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(csv.headers().firstValue("X-Refused-Count")).hasValue("3");
        String[] lines = csv.body().split("\r\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).isEqualTo("systemId,name,shortDescription,organisation,status,beginDate,endDate,contact,publicationCategory,"
                + "impactAssessments");
        assertThat(csv.body()).contains(sample.high + ",\"Risicomodel \"\"toezicht\"\", versie 2\",");
        HttpResponse<String> refusedCsv = api.get("/api/exports/algoritmeregister?format=csv&part=refused&organisation="
                + QueryApi.encode(ORGANISATION));
        assertThat(refusedCsv.body().split("\r\n")).hasSize(4).anySatisfy(l -> assertThat(l)
                .isEqualTo(sample.endedAfterUse + ",Oud systeem,shortDescription; publicationCategory,"));

        // an organisation without a configured contact: every system refused, contact missing
        SamplePortfolio other = new SamplePortfolio("Gemeente " + UUID.randomUUID(), "Risicomodel").publish(api);
        JsonNode noContact = api.awaitJson("/api/exports/algoritmeregister?organisation=" + QueryApi.encode(other.organisation),
                body -> body.get("refused").size() == 5);
        assertThat(noContact.get("exported").size()).isZero();
        noContact.get("refused").forEach(r -> assertThat(r.get("missing").valueStream().map(JsonNode::asString)).contains("contact"));

        HttpResponse<String> badFormat = api.get("/api/exports/algoritmeregister?format=xml");
        assertThat(badFormat.statusCode()).isEqualTo(400);
        assertThat(json.readTree(badFormat.body()).get("detail").asString()).contains("format");
    }

    @Test
    void theDeadlineCalendarIsValidICalendarWithOneStableEventPerOpenObligation() throws Exception {
        SamplePortfolio sample = new SamplePortfolio(ORGANISATION, "Risicomodel \"toezicht\", versie 2").publish(api);
        String obligations = "/api/obligations?limit=10000&organisation=" + QueryApi.encode(ORGANISATION);
        JsonNode stored = api.awaitJson(obligations,
                body -> new HashSet<>(body.findValuesAsString("systemId")).containsAll(Set.of(sample.high, sample.planned)));
        // the sample's later events may still be arriving: wait until the stored obligations stop changing
        for (JsonNode again = null; !stored.equals(again); ) {
            again = stored;
            Thread.sleep(700);
            stored = api.getJson(obligations);
        }
        Set<String> expectedUids = new HashSet<>();
        for (JsonNode o : stored) {
            if (Set.of("NOT_YET_DUE", "DUE_SOON", "OVERDUE").contains(o.get("status").asString()) && !o.get("dueDate").isNull()) {
                expectedUids.add(o.get("systemId").asString() + "-" + o.get("code").asString() + "@aiact-tracker");
            }
        }
        assertThat(expectedUids).isNotEmpty();

        String path = "/api/organisations/" + QueryApi.encode(ORGANISATION) + "/deadlines.ics";
        HttpResponse<String> response = api.get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        String ics = response.body();
        assertThat(ics).endsWith("END:VCALENDAR\r\n");
        assertThat(ics.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        for (String line : ics.split("\r\n")) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics).as("long descriptions are folded").contains("\r\n ");

        Calendar calendar = new CalendarBuilder().build(new StringReader(ics));
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().toString()).isFalse();
        List<VEvent> vevents = calendar.getComponents(Component.VEVENT);
        Set<String> uids = new HashSet<>();
        List<String> summaries = new ArrayList<>();
        for (VEvent event : vevents) {
            uids.add(event.getProperty(Property.UID).orElseThrow().getValue());
            summaries.add(event.getProperty(Property.SUMMARY).orElseThrow().getValue());
            assertThat(event.getProperty(Property.DTSTART).orElseThrow().getValue()).matches("\\d{8}");
            assertThat(event.getProperty(Property.DESCRIPTION).orElseThrow().getValue()).contains("Status: ").contains("Reason: ");
        }
        assertThat(uids).isEqualTo(expectedUids);
        assertThat(summaries).contains("ART26-DEPLOYER-DUTIES: Risicomodel \"toezicht\", versie 2");
        VEvent deployer = vevents.stream().filter(e -> e.getProperty(Property.UID).orElseThrow().getValue()
                .equals(sample.high + "-ART26-DEPLOYER-DUTIES@aiact-tracker")).findFirst().orElseThrow();
        String due = stored.valueStream().filter(o -> o.get("systemId").asString().equals(sample.high)
                && o.get("code").asString().equals("ART26-DEPLOYER-DUTIES")).findFirst().orElseThrow().get("dueDate").asString();
        assertThat(deployer.getProperty(Property.DTSTART).orElseThrow().getValue()).isEqualTo(due.replace("-", ""));
        assertThat(ics).contains("DTSTART;VALUE=DATE:" + due.replace("-", ""));

        // the same feed again: the same UIDs (a subscribed calendar updates, never duplicates)
        assertThat(new CalendarBuilder().build(new StringReader(api.get(path).body())).getComponents(Component.VEVENT).stream()
                .map(c -> c.getProperty(Property.UID).orElseThrow().getValue()).toList()).containsExactlyInAnyOrderElementsOf(uids);

        HttpResponse<String> unknown = api.get("/api/organisations/" + QueryApi.encode("Nobody " + UUID.randomUUID()) + "/deadlines.ics");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    }

    private static JsonNode entry(JsonNode list, String systemId) {
        for (JsonNode e : list) {
            if (e.get("systemId").asString().equals(systemId)) {
                return e;
            }
        }
        throw new AssertionError("No entry for " + systemId + " in " + list);
    }
}
