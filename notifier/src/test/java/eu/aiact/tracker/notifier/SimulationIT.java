package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import eu.aiact.tracker.notifier.support.NotifierStack;
import eu.aiact.tracker.notifier.support.Receivers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Only the real day creates deliverable alerts (issue 17): two notifiers read the same obligations; one of them is asked what a sweep
 * 400 days ahead would send (with the settable clock, as the README shows, and through the simulations API with a sandbox recipient),
 * then both sweep for real on each day in between. They store and send exactly the same alerts, none missing, none twice; nothing of
 * the simulation reached a real recipient, and the simulation is listed and discarded.
 */
class SimulationIT {

    private static final String FEED = "it-simulation-obligations";
    private static final String EVENTS = "it-simulation-events";
    private static final LocalDate START = LocalDate.of(2027, 3, 1);
    private static final int DAYS = 400;
    private static final String SECRET = "simulation-test-webhook-secret";
    private static final String DIRECT = "Provincie Direct " + UUID.randomUUID();
    private static final String DIGEST = "Gemeente Digest " + UUID.randomUUID();
    private static final String NOBODY = "Waterschap Zonder " + UUID.randomUUID();

    private static final JsonMapper json = JsonMapper.builder().build();
    private static Receivers receivers;
    private static NotifierStack simulating;
    private static NotifierStack control;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(FEED, 1, (short) 1), new NewTopic(EVENTS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        receivers = new Receivers();
        simulating = NotifierStack.start("simulating", "development", properties("a"));
        control = NotifierStack.start("control", "development", properties("b"));
    }

    private static Map<String, String> properties(String stack) {
        return Map.of("tracker.obligations-topic", FEED, "tracker.events-topic", EVENTS, "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(receivers.smtpPort()), "tracker.notifier.platform-address", "platform-" + stack + "@tracker.test",
                "tracker.notifier.channels.webhook.allowed-targets", "127.0.0.1", "tracker.notifier.dashboard-url", "http://dash/{id}");
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {simulating, control, receivers}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // closing
            }
        }
    }

    @Test
    void aSimulation400DaysAheadChangesNothingThatTheRealSweepsOfTheDaysInBetweenSend() throws Exception {
        for (NotifierStack stack : List.of(simulating, control)) {
            stack.today().setToday(START, Duration.ofMinutes(5));
        }
        String stackA = "a";
        for (NotifierStack stack : List.of(simulating, control)) {
            String s = stack == simulating ? stackA : "b";
            stack.putRecipients(DIRECT, Map.of("cioOffice", "cio-" + s + "@direct.test", "webhookUrl", receivers.webhookUrl("/" + s + "/direct"),
                    "webhookSecret", SECRET, "digest", false));
            stack.putRecipients(DIGEST, Map.of("cioOffice", "cio-" + s + "@digest.test", "digest", true));
        }
        List<SystemObligations> systems = inventory();
        try (TestEvents feed = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers())) {
            for (SystemObligations system : systems) {
                feed.send(FEED, system.key(), json.writerFor(ObligationFeedMessage.class).writeValueAsString(system));
            }
        }
        for (NotifierStack stack : List.of(simulating, control)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (stack.jdbc().queryForObject("SELECT count(*) FROM tracked_system", Long.class) < systems.size()) {
                assertThat(System.nanoTime()).as("the feed taken in").isLessThan(deadline);
                Thread.sleep(100);
            }
        }

        // The README's time travel on one of them: the settable clock 400 days ahead, a sweep, back to today. And a simulation through
        // the API for the same date, delivered to a sandbox recipient.
        LocalDate ahead = START.plusDays(DAYS);
        assertThat(simulating.json("PUT", "/api/admin/clock", "{\"date\":\"" + ahead + "\"}", 200).get("simulating").asBoolean()).isTrue();
        JsonNode clockSweep = simulating.json("POST", "/api/admin/sweeps", null, 200);
        assertThat(clockSweep.get("simulated").asBoolean()).isTrue();
        assertThat(clockSweep.get("date").asString()).isEqualTo(ahead.toString());
        assertThat(clockSweep.get("createdCount").asLong()).isPositive();
        List<String> simulatedKeys = clockSweep.get("created").findValuesAsString("key");
        assertThat(simulating.json("POST", "/api/admin/sweeps", null, 200).get("createdCount").asLong())
                .as("the same simulated day again adds nothing to its simulation").isZero();
        simulating.json("DELETE", "/api/admin/clock", null, 200);
        JsonNode api = simulating.json("POST", "/api/admin/simulations", json.writeValueAsString(Map.of("date", ahead.toString(),
                "sandbox", Map.of("email", "sandbox@tracker.test", "webhookUrl", receivers.webhookUrl("/sandbox"), "webhookSecret", SECRET))),
                201);
        assertThat(api.get("createdCount").asLong()).isEqualTo(clockSweep.get("createdCount").asLong());
        assertThat(api.get("sandbox").get("failed").asInt()).isZero();
        assertThat(api.get("sandbox").get("mailsSent").asInt()).isPositive();
        assertThat(simulating.get("/api/admin/simulations").findValuesAsString("origin")).containsExactlyInAnyOrder("CLOCK", "API");

        // nothing of it is a real alert, nothing went to a real recipient, and the preview does not take it for stored
        assertThat(simulating.jdbc().queryForObject("SELECT count(*) FROM alert", Long.class)).isZero();
        assertThat(simulating.jdbc().queryForObject("SELECT count(*) FROM delivery", Long.class)).isZero();
        JsonNode preview = simulating.get("/api/alerts/preview?asOf=" + ahead);
        assertThat(preview.get("alreadyStored")).isEmpty();
        assertThat(preview.get("wouldCreate").findValuesAsString("key")).containsAll(simulatedKeys);
        assertThat(receivers.mailsTo("sandbox@tracker.test")).isNotEmpty().allSatisfy(mail -> {
            assertThat(mail.alertId()).startsWith("simulation-");
            assertThat(mail.subject()).startsWith("[AI Act SIMULATION] ");
        });
        assertThat(receivers.calls("/sandbox")).isNotEmpty().allSatisfy(call -> assertThat(call.ceId()).startsWith("simulation-"));
        assertThat(receivers.mails()).allSatisfy(mail -> assertThat(mail.to()).isEqualTo("sandbox@tracker.test"));
        assertThat(receivers.calls("/a/direct")).isEmpty();

        // then the real days, one after the other, on both (side by side)
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<?>> runs = new ArrayList<>();
            for (NotifierStack stack : List.of(simulating, control)) {
                runs.add(pool.submit(() -> {
                    for (int day = 0; day <= DAYS + 1; day++) {
                        stack.today().setToday(START.plusDays(day), Duration.ofMinutes(5));
                        if (day <= DAYS) {
                            stack.sweep();
                        }
                        stack.dispatchAll();
                    }
                }));
            }
            for (java.util.concurrent.Future<?> run : runs) {
                run.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // the same alerts, decided on the same days, with the same deliveries, all sent
        String alerts = "SELECT alert_key || ' ' || decided_on || ' ' || severity || ' ' || routed FROM alert ORDER BY alert_key";
        List<String> simulatedStore = simulating.jdbc().queryForList(alerts, String.class);
        List<String> controlStore = control.jdbc().queryForList(alerts, String.class);
        assertThat(simulatedStore).hasSizeGreaterThan(DAYS).isEqualTo(controlStore);
        String deliveries = "SELECT alert_key || ' ' || channel || ' ' || status FROM delivery ORDER BY alert_key, channel";
        assertThat(simulating.jdbc().queryForList(deliveries, String.class)).isEqualTo(control.jdbc().queryForList(deliveries, String.class))
                .allSatisfy(row -> assertThat(row).endsWith(" SENT"));
        for (String key : simulatedKeys) {
            assertThat(simulatedStore).as("what the simulation saw ahead is sent when its day comes: " + key)
                    .anyMatch(row -> row.startsWith(key + " "));
        }
        // every day's violation once; the experiment's critical alert once; the platform's notice every day (an organisation is uncovered)
        assertThat(simulatedStore).filteredOn(row -> row.contains("|VIOLATION:")).hasSize(DAYS + 1);
        assertThat(simulatedStore).filteredOn(row -> row.contains("|EXPERIMENT-TOO-LONG ")).hasSize(1);
        assertThat(simulatedStore).filteredOn(row -> row.startsWith(NOBODY + "|")).isNotEmpty()
                .allSatisfy(row -> assertThat(row).endsWith(" false"));
        assertThat(simulatedStore).filteredOn(row -> row.startsWith("(platform)|UNROUTED")).isEmpty();
        assertThat(simulatedStore).filteredOn(row -> row.startsWith("(platform)|-|-|UNROUTED:")).hasSize(DAYS + 1);

        // as the receivers see it: the same messages (ids) from both, each once, and nothing of the simulation
        for (String[] addresses : new String[][] {{"cio-a@direct.test", "cio-b@direct.test"}, {"cio-a@digest.test", "cio-b@digest.test"},
                {"platform-a@tracker.test", "platform-b@tracker.test"}}) {
            List<String> a = receivers.mailsTo(addresses[0]).stream().map(Receivers.Mail::messageId).sorted().toList();
            List<String> b = receivers.mailsTo(addresses[1]).stream().map(Receivers.Mail::messageId).sorted().toList();
            assertThat(a).as(addresses[0]).isNotEmpty().doesNotHaveDuplicates().isEqualTo(b);
            assertThat(receivers.mailsTo(addresses[0])).noneMatch(m -> m.alertId().startsWith("simulation-"));
        }
        List<String> hooksA = receivers.calls("/a/direct").stream().map(Receivers.Call::ceId).sorted().toList();
        assertThat(hooksA).doesNotHaveDuplicates().isEqualTo(receivers.calls("/b/direct").stream().map(Receivers.Call::ceId).sorted().toList());
        assertThat(hooksA).hasSizeGreaterThan(DAYS).noneMatch(id -> id.startsWith("simulation-"));
        assertThat(topicIds("it-simulating-alerts")).doesNotHaveDuplicates().isEqualTo(topicIds("it-control-alerts"));

        // the simulations are listed until discarded; discarding them changes no real alert
        long before = simulating.jdbc().queryForObject("SELECT count(*) FROM alert", Long.class);
        for (JsonNode simulation : simulating.get("/api/admin/simulations")) {
            long id = simulation.get("id").asLong();
            assertThat(simulating.get("/api/admin/simulations/" + id).get("alerts")).isNotEmpty();
            assertThat(simulating.send("DELETE", "/api/admin/simulations/" + id, null).statusCode()).isEqualTo(204);
        }
        assertThat(simulating.get("/api/admin/simulations")).isEmpty();
        assertThat(simulating.jdbc().queryForObject("SELECT count(*) FROM simulation_alert", Long.class)).isZero();
        assertThat(simulating.jdbc().queryForObject("SELECT count(*) FROM alert", Long.class)).isEqualTo(before);
    }

    private static List<String> topicIds(String topic) {
        try (TestTopicReader reader = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), topic)) {
            long expected = (topic.contains("simulating") ? simulating : control).jdbc()
                    .queryForObject("SELECT count(*) FROM delivery WHERE channel = 'KAFKA'", Long.class);
            return reader.awaitRecords(read -> read.size() >= expected, Duration.ofSeconds(60)).stream()
                    .map(ConsumerRecord::key).sorted().toList();
        }
    }

    /** Systems of three organisations with due dates spread over the 400 days, some overdue, a violation, a long experiment. */
    private static List<SystemObligations> inventory() {
        List<SystemObligations> systems = new ArrayList<>();
        Instant evaluatedAt = START.atStartOfDay(ZoneOffset.UTC).toInstant();
        // one high-risk system with many obligations due on one date (one mail per horizon), one overdue critical, reminders
        List<ObligationItem> many = new ArrayList<>();
        for (String code : List.of("ART9-RISK", "ART10-DATA", "ART11-DOCS", "ART12-LOGS", "ART13-INFO", "ART14-OVERSIGHT", "ART26-LOGS")) {
            many.add(item(code, START.plusDays(200), ObligationStatus.NOT_YET_DUE, false));
        }
        many.add(new ObligationItem("ART27-FRIA", "FRIA", "Art. 27", Role.DEPLOYER, START.minusDays(10), ObligationStatus.OVERDUE,
                "ai-act-2026-omnibus", "Because", "Reg. 2024/1689", true));
        systems.add(system(DIRECT, "Toekenningsadvies", Phase.IN_USE, RiskClass.HIGH, null, evaluatedAt, many));
        systems.add(system(DIRECT, "Emotieherkenning", Phase.IN_USE, RiskClass.PROHIBITED, null, evaluatedAt,
                List.of(item("ART5-PROHIBITED", LocalDate.of(2025, 2, 2), ObligationStatus.VIOLATION, false))));
        systems.add(system(DIRECT, "Pilot spraak", Phase.EXPERIMENT, RiskClass.MINIMAL, START.minusMonths(11), evaluatedAt,
                List.of(item("ART4-LITERACY", START.plusDays(90), ObligationStatus.DUE_SOON, false))));
        for (int i = 0; i < 5; i++) {
            systems.add(system(DIGEST, "Digest system " + i, Phase.IN_USE, RiskClass.LIMITED, null, evaluatedAt, List.of(
                    item("ART50-TRANSPARENCY", START.plusDays(37 * i + 15), ObligationStatus.NOT_YET_DUE, false),
                    item("ART4-LITERACY", START.plusDays(61 * i + 3), ObligationStatus.NOT_YET_DUE, false))));
        }
        // without recipients: its alerts reach no person, and the platform's daily notice says so
        systems.add(system(NOBODY, "Peilbeheer", Phase.IN_USE, RiskClass.HIGH, null, evaluatedAt,
                List.of(item("ART26-DEPLOYER-DUTIES", START.plusDays(120), ObligationStatus.NOT_YET_DUE, false))));
        return systems;
    }

    private static SystemObligations system(String organisation, String name, Phase phase, RiskClass risk, LocalDate experimentSince,
            Instant evaluatedAt, List<ObligationItem> items) {
        return new SystemObligations(organisation + "-" + name.replace(' ', '-'), organisation, name, phase, false, risk, experimentSince,
                phase == Phase.IN_USE ? LocalDate.of(2024, 9, 1) : null, null, 3, START, evaluatedAt, items);
    }

    private static ObligationItem item(String code, LocalDate due, ObligationStatus status, boolean critical) {
        return new ObligationItem(code, "Title of " + code, "Art. 1", Role.DEPLOYER, due, status, "ai-act-2026-omnibus",
                "Because " + code + " applies", "Reg. 2024/1689", critical);
    }
}
