package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.obligation.ObligationsMoved;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.PlatformNotices;
import eu.aiact.tracker.notifier.delivery.Dispatcher;
import eu.aiact.tracker.notifier.support.NotifierStack;
import eu.aiact.tracker.notifier.support.Receivers;
import eu.aiact.tracker.notifier.support.TestClock;
import eu.aiact.tracker.notifier.support.TestClockConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Alerts a CIO office can rely on (issue 17), against real PostgreSQL and Kafka: one mail per system and horizon, the daily digest
 * holding every alert of the day, alerts stored before the change counting as sent, organisations without recipients reported, failing
 * webhooks shown, acknowledgements named in the reminders that follow, and replays that send nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
@ActiveProfiles("development")
class AlertRoutingIT {

    private static final String EVENTS = "it-routing-events";
    private static final String FEED = "it-routing-obligations";
    private static final String ALERTS = "it-routing-alerts";
    private static final String SECRET = "routing-test-webhook-secret-1";
    private static final String PLATFORM = "platform@tracker.test";

    private static final TestEvents kafka = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
    private static final Receivers receivers = new Receivers();

    static {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(EVENTS, 1, (short) 1), new NewTopic(FEED, 1, (short) 1), new NewTopic(ALERTS, 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Autowired
    private JsonMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TestClock today;
    @Autowired
    private Dispatcher dispatcher;
    @Autowired
    private PlatformNotices notices;

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("notifier_routing_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("spring.kafka.consumer.group-id", () -> "notifier-routing-it");
        registry.add("tracker.events-topic", () -> EVENTS);
        registry.add("tracker.obligations-topic", () -> FEED);
        registry.add("tracker.notifier.alerts-topic", () -> ALERTS);
        registry.add("tracker.notifier.sweep-interval", () -> "PT1H");
        registry.add("tracker.notifier.sweep-initial-delay", () -> "PT1H");
        registry.add("tracker.notifier.dispatch-interval", () -> "PT1H");
        registry.add("tracker.notifier.platform-address", () -> PLATFORM);
        registry.add("tracker.notifier.channels.webhook.max-attempts", () -> "2");
        registry.add("tracker.notifier.channels.webhook.initial-backoff", () -> "PT0S");
        registry.add("tracker.notifier.channels.webhook.allowed-targets", () -> "127.0.0.1");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> String.valueOf(receivers.smtpPort()));
    }

    @AfterAll
    static void close() {
        kafka.close();
        receivers.close();
    }

    @BeforeEach
    void base(@Value("${local.server.port}") int port) {
        base = "http://127.0.0.1:" + port;
    }

    @Test
    void aSystemsObligationsAtOneHorizonAreOneMailWhileWebhookAndTopicCarryEachAlert() throws Exception {
        String organisation = "Ministerie " + UUID.randomUUID();
        LocalDate due = LocalDate.of(2031, 6, 1);
        recipients(organisation, Map.of("cioOffice", "cio@one-mail.test", "webhookUrl", receivers.webhookUrl("/one-mail"), "webhookSecret",
                SECRET));
        List<ObligationItem> fifteen = new ArrayList<>();
        for (int i = 1; i <= 15; i++) {
            fifteen.add(item("OBL-" + String.format("%02d", i), due, ObligationStatus.NOT_YET_DUE, false));
        }
        String big = "big-" + UUID.randomUUID();
        String small = "small-" + UUID.randomUUID();
        feed(system(big, organisation, "Toeslagenrobot", false, fifteen));
        feed(system(small, organisation, "Chatbot", false, List.of(item("ART50-TRANSPARENCY", due.minusDays(3), ObligationStatus.DUE_SOON,
                false), item("ART4-LITERACY", due.minusDays(3), ObligationStatus.DUE_SOON, false))));
        awaitTracked(organisation, 2);

        today.setToday(due.minusDays(30));
        List<String> created = sweepKeys(organisation);
        assertThat(created).hasSize(17);
        dispatchAll();

        List<Receivers.Mail> mails = receivers.mailsTo("cio@one-mail.test");
        assertThat(mails).hasSize(2);
        Receivers.Mail bigMail = mails.stream().filter(m -> m.subject().contains("Toeslagenrobot")).findFirst().orElseThrow();
        assertThat(bigMail.subject()).isEqualTo("[AI Act] 15 obligations due in 30 days: Toeslagenrobot");
        for (int i = 1; i <= 15; i++) {
            assertThat(bigMail.body()).contains("OBL-" + String.format("%02d", i) + ": Title of OBL-" + String.format("%02d", i));
        }
        assertThat(mails.stream().filter(m -> m.subject().contains("Chatbot")).findFirst().orElseThrow().subject())
                .isEqualTo("[AI Act] 2 obligations due in 27 days: Chatbot");
        assertThat(receivers.calls("/one-mail")).extracting(Receivers.Call::ceId).containsExactlyInAnyOrderElementsOf(created);
        try (TestTopicReader topic = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), ALERTS)) {
            assertThat(topic.awaitRecords(read -> read.stream().filter(r -> r.key().startsWith(organisation + "|")).count() >= 17,
                    Duration.ofSeconds(30)).stream().map(r -> r.key()).filter(k -> k.startsWith(organisation + "|")))
                    .containsExactlyInAnyOrderElementsOf(created);
        }
        // each alert shows the mail that carried it, sent
        for (JsonNode entry : get("/api/alerts?limit=100&organisation=" + NotifierStack.encode(organisation))) {
            assertThat(entry.get("deliveries").findValuesAsString("channel")).containsExactlyInAnyOrder("EMAIL", "KAFKA", "WEBHOOK");
            assertThat(entry.get("deliveries").findValuesAsString("status")).containsOnly("SENT");
        }
        // and the next day brings nothing new for either
        today.setToday(due.minusDays(29));
        assertThat(sweepKeys(organisation)).isEmpty();
    }

    @Test
    void alertsStoredUnderTodaysKeysBeforeTheChangeKeepCountingAsSent() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        LocalDate due = LocalDate.of(2032, 2, 1);
        LocalDate date = due.minusDays(7);
        recipients(organisation, Map.of("cioOffice", "cio@before.test"));
        String id = "before-" + UUID.randomUUID();
        List<ObligationItem> five = new ArrayList<>();
        for (String code : List.of("A-1", "A-2", "A-3", "A-4", "A-5")) {
            five.add(item(code, due, ObligationStatus.DUE_SOON, false));
        }
        feed(system(id, organisation, "Parkeerscan", false, five));
        awaitTracked(organisation, 1);
        // what the notifier before this change stored and mailed on that day: three of the five, one mail each
        for (String code : List.of("A-1", "A-2", "A-3")) {
            String key = organisation + "|" + id + "|" + code + "|H7";
            jdbc.update("""
                    INSERT INTO alert (alert_key, kind, severity, audience, organisation, system_id, system_name, code, summary, decided_on,
                        created_at, due_date, days_left, horizon_days)
                    VALUES (?, 'HORIZON', 'HIGH', 'CIO_OFFICE', ?, ?, 'Parkeerscan', ?, ?, ?, now(), ?, 7, 7)""", key, organisation, id, code,
                    code + " due in 7 days: Parkeerscan", java.sql.Date.valueOf(date), java.sql.Date.valueOf(due));
            for (String channel : List.of("KAFKA", "EMAIL")) {
                jdbc.update("""
                        INSERT INTO delivery (alert_key, channel, organisation, status, attempts, next_attempt_at, sent_at, created_at)
                        VALUES (?, ?, ?, 'SENT', 1, now(), now(), now())""", key, channel, organisation);
            }
        }
        today.setToday(date, Duration.ofHours(12));
        assertThat(sweepKeys(organisation)).containsExactlyInAnyOrder(organisation + "|" + id + "|A-4|H7", organisation + "|" + id + "|A-5|H7");
        dispatchAll();
        List<Receivers.Mail> mails = receivers.mailsTo("cio@before.test");
        assertThat(mails).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("[AI Act] 2 obligations due in 7 days: Parkeerscan");
            assertThat(mail.body()).contains("A-4", "A-5").doesNotContain("A-1:", "A-2:", "A-3:");
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE organisation = ? AND status <> 'SENT'", Integer.class,
                organisation)).isZero();
    }

    @Test
    void aDueDateMovedLaterGetsItsAlertsAgainInTheSystemsOneMailPerHorizonAndTheyCanBeAcknowledged() throws Exception {
        String organisation = "Omgevingsdienst " + UUID.randomUUID();
        LocalDate due = LocalDate.of(2033, 3, 1);
        LocalDate previousReview = due.minusDays(400);
        recipients(organisation, Map.of("cioOffice", "cio@moved.test"));
        String id = "moved-" + UUID.randomUUID();
        feed(system(id, organisation, "Vergunningcheck", false, List.of(item("NL-CLASSIFICATION-REVIEW", due, ObligationStatus.NOT_YET_DUE,
                false), item("B-1", due, ObligationStatus.NOT_YET_DUE, false), item("C-1", due, ObligationStatus.NOT_YET_DUE, false))));
        awaitTracked(organisation, 1);
        // stored and mailed before: the review's 30-day alert for its previous review date, and C-1's for the due date it still has
        String review = organisation + "|" + id + "|NL-CLASSIFICATION-REVIEW|H30";
        String c1 = organisation + "|" + id + "|C-1|H30";
        for (List<Object> before : List.<List<Object>>of(List.of(review, "NL-CLASSIFICATION-REVIEW", previousReview),
                List.of(c1, "C-1", due))) {
            LocalDate storedDue = (LocalDate) before.get(2);
            jdbc.update("""
                    INSERT INTO alert (alert_key, kind, severity, audience, organisation, system_id, system_name, code, summary, decided_on,
                        created_at, due_date, days_left, horizon_days)
                    VALUES (?, 'HORIZON', 'WARNING', 'CIO_OFFICE', ?, ?, 'Vergunningcheck', ?, 'due in 30 days', ?, now(), ?, 30, 30)""",
                    before.get(0), organisation, id, before.get(1), java.sql.Date.valueOf(storedDue.minusDays(30)),
                    java.sql.Date.valueOf(storedDue));
            jdbc.update("""
                    INSERT INTO delivery (alert_key, channel, organisation, status, attempts, next_attempt_at, sent_at, created_at)
                    VALUES (?, 'EMAIL', ?, 'SENT', 1, now(), now(), now())""", before.get(0), organisation);
        }

        today.setToday(due.minusDays(30));
        String movedReview = review + "@" + due;
        assertThat(sweepKeys(organisation)).containsExactlyInAnyOrder(movedReview, organisation + "|" + id + "|B-1|H30");
        assertThat(sweepKeys(organisation)).isEmpty();
        dispatchAll();
        assertThat(receivers.mailsTo("cio@moved.test")).singleElement().satisfies(mail -> {
            assertThat(mail.subject()).isEqualTo("[AI Act] 2 obligations due in 30 days: Vergunningcheck");
            assertThat(mail.body()).contains("NL-CLASSIFICATION-REVIEW:", "B-1:", due.toString()).doesNotContain("C-1:");
        });

        HttpResponse<String> acknowledged = send("POST", "/api/alerts/" + NotifierStack.encode(movedReview) + "/acknowledgements",
                "{\"owner\":\"K. de Vries\"}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(201);
        assertThat(json.readTree(acknowledged.body()).get("alertKey").asString()).isEqualTo(movedReview);
        today.setToday(due.minusDays(29));
        assertThat(sweepKeys(organisation)).isEmpty();
    }

    @Test
    void theDigestHoldsEveryAlertOfTheDayWhileCriticalOnesAndReviewersGetTheirsAtOnce() throws Exception {
        String organisation = "Provincie " + UUID.randomUUID();
        LocalDate date = LocalDate.of(2033, 4, 10);
        recipients(organisation, Map.of("cioOffice", "cio@digest-day.test", "reviewers", List.of("review@digest-day.test"), "digest", true));
        String id = "digest-" + UUID.randomUUID();
        List<ObligationItem> items = new ArrayList<>(List.of(
                item("ART27-FRIA", date.minusDays(5), ObligationStatus.OVERDUE, true),
                item("ART26-LOGS", date.plusDays(20), ObligationStatus.DUE_SOON, false)));
        feed(system(id, organisation, "Risicoprofiel", false, items));
        awaitTracked(organisation, 1);
        today.setToday(date, Duration.ofHours(8));
        assertThat(sweepKeys(organisation)).containsExactlyInAnyOrder(organisation + "|" + id + "|ART27-FRIA|OVERDUE",
                organisation + "|" + id + "|ART27-FRIA|CRITICAL-OVERDUE", organisation + "|" + id + "|ART26-LOGS|H30");
        dispatchAll();
        // at once: the critical alert only
        assertThat(receivers.mailsTo("cio@digest-day.test")).singleElement()
                .satisfies(mail -> assertThat(mail.alertId()).isEqualTo(organisation + "|" + id + "|ART27-FRIA|CRITICAL-OVERDUE"));

        // later that day: a lowered classification (reviewers, at once) and a new obligation of the same system
        EventEnvelope lowered = lowered(id, organisation, today.instant());
        kafka.send(EVENTS, id, json.writeValueAsString(lowered));
        items.add(item("ART49-3-REGISTRATION", date.plusDays(6), ObligationStatus.DUE_SOON, false));
        today.setToday(date, Duration.ofHours(15));
        feed(system(id, organisation, "Risicoprofiel", false, items));
        awaitJson("/api/alerts/preview?organisation=" + NotifierStack.encode(organisation),
                body -> body.get("wouldCreate").findValuesAsString("key").contains(organisation + "|" + id + "|ART49-3-REGISTRATION|H7"));
        String review = organisation + "|" + id + "|-|CLASSIFICATION-LOWERED:" + lowered.eventId();
        awaitJson("/api/alerts?organisation=" + NotifierStack.encode(organisation),
                body -> body.findValues("alert").stream().anyMatch(a -> a.get("key").asString().equals(review)));
        assertThat(sweepKeys(organisation)).containsExactly(organisation + "|" + id + "|ART49-3-REGISTRATION|H7");
        dispatchAll();
        assertThat(receivers.mailsTo("review@digest-day.test")).singleElement().satisfies(m -> assertThat(m.alertId()).isEqualTo(review));
        assertThat(receivers.mailsTo("cio@digest-day.test")).hasSize(1);

        // the next morning: one digest with every alert of the day
        today.setToday(date.plusDays(1), Duration.ofMinutes(5));
        dispatchAll();
        List<Receivers.Mail> cio = receivers.mailsTo("cio@digest-day.test");
        assertThat(cio).hasSize(2);
        Receivers.Mail digest = cio.stream().filter(m -> m.alertId().startsWith("digest|")).findFirst().orElseThrow();
        assertThat(digest.subject()).isEqualTo("[AI Act] Daily digest " + date + ": 5 alerts for " + organisation);
        assertThat(digest.body()).contains("ART27-FRIA overdue by 5 days", "High-risk system in use without ART27-FRIA",
                "(critical: also sent at once)", "ART26-LOGS due in 20 days", "ART49-3-REGISTRATION due in 6 days",
                "Risk class lowered from HIGH to LIMITED");
        dispatchAll();
        assertThat(receivers.mailsTo("cio@digest-day.test")).hasSize(2);
    }

    @Test
    void anOrganisationWithoutRecipientsAndAFailingWebhookShowInTheCoverageViewAndTheDailyNotice() throws Exception {
        String nobody = "Gemeente Zonder " + UUID.randomUUID();
        String failing = "Waterschap Hapert " + UUID.randomUUID();
        LocalDate date = LocalDate.of(2034, 9, 3);
        recipients(failing, Map.of("cioOffice", "cio@hapert.test", "webhookUrl", receivers.webhookUrl("/down"), "webhookSecret", SECRET));
        feed(system("nobody-" + UUID.randomUUID(), nobody, "Bijstandssignalering", false,
                List.of(item("ART26-DEPLOYER-DUTIES", date.plusDays(30), ObligationStatus.DUE_SOON, false),
                        item("ART4-LITERACY", date.plusDays(200), ObligationStatus.NOT_YET_DUE, false))));
        feed(system("failing-" + UUID.randomUUID(), failing, "Peilbeheer", false,
                List.of(item("ART26-LOGS", date.plusDays(7), ObligationStatus.DUE_SOON, false))));
        awaitTracked(nobody, 1);
        awaitTracked(failing, 1);
        // the day before: its alerts reach nobody, and the webhook is down
        receivers.status.set(503);
        try {
            today.setToday(date.minusDays(1), Duration.ofHours(22));
            assertThat(sweepKeys(nobody)).hasSize(1);
            dispatchAll();
        } finally {
            receivers.status.set(200);
        }
        assertThat(jdbc.queryForList("SELECT channel FROM delivery WHERE organisation = ?", String.class, nobody))
                .as("the topic only: no mail, no webhook").containsExactly("KAFKA");

        JsonNode coverage = get("/api/coverage");
        assertThat(coverage.get("uncovered").valueStream().map(JsonNode::asString)).contains(nobody);
        JsonNode unwarned = entry(coverage, nobody);
        assertThat(unwarned.get("recipients").asBoolean()).isFalse();
        assertThat(unwarned.get("covered").asBoolean()).isFalse();
        assertThat(unwarned.get("openObligations").asLong()).isEqualTo(2);
        assertThat(unwarned.get("alertsReachingNoPerson").asLong()).isEqualTo(1);
        assertThat(unwarned.get("warnings").get(0).asString()).contains("No recipients configured", "2 open obligations");
        JsonNode hapert = entry(coverage, failing);
        assertThat(hapert.get("covered").asBoolean()).as("its mails go out; its webhook fails").isTrue();
        assertThat(hapert.get("failing").get("WEBHOOK").get("dead").asLong()).isEqualTo(1);
        assertThat(hapert.get("failing").get("WEBHOOK").get("lastError").asString()).contains("503");
        assertThat(hapert.get("warnings").valueStream().map(JsonNode::asString)).anyMatch(w -> w.startsWith("WEBHOOK deliveries failing"));
        assertThat(get("/api/admin/dead-letters?limit=1000").findValuesAsString("organisation")).contains(failing);

        // the platform's notice of the day, once, naming both
        for (int hour = 1; hour <= 3; hour++) {
            today.setToday(date, Duration.ofHours(hour));
            sweepKeys(nobody);
            dispatchAll();
        }
        List<Receivers.Mail> notices = receivers.mailsTo(PLATFORM).stream().filter(m -> m.subject().contains("Coverage " + date)).toList();
        assertThat(notices).singleElement().satisfies(notice -> {
            assertThat(notice.body()).contains(nobody + ": 2 open obligations", failing + ", WEBHOOK: 0 retrying, 1 dead",
                    nobody + ": 1 alert, e.g. ART26-DEPLOYER-DUTIES due in 30 days: Bijstandssignalering");
        });
        assertThat(get("/api/coverage").get("platform").get("notices").findValuesAsString("key"))
                .contains("(platform)|-|-|UNROUTED:" + date);
        // once recipients are configured, the organisation is covered; an unrouted alert is reported once only
        recipients(nobody, Map.of("cioOffice", "cio@zonder.test"));
        assertThat(entry(get("/api/coverage"), nobody).get("covered").asBoolean()).isTrue();
        today.setToday(date.plusDays(1), Duration.ofHours(1));
        sweepKeys(nobody);
        dispatchAll();
        List<Receivers.Mail> next = receivers.mailsTo(PLATFORM).stream().filter(m -> m.subject().contains("Coverage " + date.plusDays(1)))
                .toList();
        assertThat(next).allSatisfy(notice -> assertThat(notice.body()).doesNotContain(nobody));
    }

    @Test
    void anAcknowledgedObligationIsRemindedUntilFulfilledAndTheRemindersSayWhoAcknowledged() throws Exception {
        String organisation = "Dienst " + UUID.randomUUID();
        LocalDate due = LocalDate.of(2035, 1, 15);
        recipients(organisation, Map.of("cioOffice", "cio@acknowledge.test"));
        String id = "ack-" + UUID.randomUUID();
        feed(system(id, organisation, "Fraudescore", false, List.of(item("ART26-LOGS", due, ObligationStatus.OVERDUE, false))));
        awaitTracked(organisation, 1);
        today.setToday(due.plusDays(1));
        String overdue = organisation + "|" + id + "|ART26-LOGS|OVERDUE";
        assertThat(sweepKeys(organisation)).containsExactly(overdue);

        HttpResponse<String> acknowledged = send("POST", "/api/alerts/" + NotifierStack.encode(overdue) + "/acknowledgements",
                "{\"note\":\"Logging is being switched on\",\"owner\":\"J. Jansen\"}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(201);
        assertThat(json.readTree(acknowledged.body()).get("acknowledgedBy").asString()).isEqualTo("carol");
        assertThat(send("POST", "/api/alerts/" + NotifierStack.encode(overdue) + "/acknowledgements", "{\"note\":\"bad\\u0000note\"}")
                .statusCode()).isEqualTo(400);
        assertThat(send("POST", "/api/alerts/" + NotifierStack.encode(organisation + "|nope") + "/acknowledgements", "{}").statusCode())
                .isEqualTo(404);
        JsonNode listed = get("/api/alerts?organisation=" + NotifierStack.encode(organisation));
        assertThat(listed.get(0).get("acknowledgements").get(0).get("owner").asString()).isEqualTo("J. Jansen");

        // the reminders go on, and say who acknowledged
        today.setToday(due.plusDays(8));
        String reminder = organisation + "|" + id + "|ART26-LOGS|OVERDUE-REMINDER-1";
        assertThat(sweepKeys(organisation)).containsExactly(reminder);
        dispatchAll();
        Receivers.Mail mail = receivers.mailsTo("cio@acknowledge.test").stream().filter(m -> m.alertId().equals(reminder)).findFirst()
                .orElseThrow();
        assertThat(mail.body()).contains("Acknowledged:", "by carol on", "(owner: J. Jansen): Logging is being switched on");
        JsonNode stored = get("/api/alerts?organisation=" + NotifierStack.encode(organisation)).get(0).get("alert");
        assertThat(stored.get("key").asString()).isEqualTo(reminder);
        assertThat(stored.get("acknowledgement").get("acknowledgedBy").asString()).isEqualTo("carol");

        // fulfilled: no reminder any more
        feed(system(id, organisation, "Fraudescore", false, List.of(item("ART26-LOGS", due, ObligationStatus.FULFILLED, false))));
        awaitJson("/api/alerts/preview?asOf=" + due.plusDays(15) + "&organisation=" + NotifierStack.encode(organisation),
                body -> body.get("wouldCreate").isEmpty());
        today.setToday(due.plusDays(15));
        assertThat(sweepKeys(organisation)).isEmpty();
    }

    @Test
    void aReplayOfTheIntakeAndOldHistorySentAgainCreateNoAlertAndNoDelivery() throws Exception {
        String organisation = "Rijksdienst " + UUID.randomUUID();
        recipients(organisation, Map.of("cioOffice", "cio@replay.test", "reviewers", List.of("review@replay.test")));
        today.setToday(LocalDate.of(2036, 5, 5), Duration.ofHours(9));
        String id = "replay-" + UUID.randomUUID();
        feed(system(id, organisation, "Zoekassistent", false, List.of(item("ART4-LITERACY", LocalDate.of(2040, 1, 1),
                ObligationStatus.NOT_YET_DUE, false))));
        // live: a version applied just now, a classification lowered just now
        EventEnvelope lowered = lowered(id, organisation, today.instant());
        kafka.send(EVENTS, id, json.writeValueAsString(lowered));
        feed(moved("v-live", organisation, today.instant()));
        awaitJson("/api/alerts?organisation=" + NotifierStack.encode(organisation), body -> body.size() == 2);
        long alerts = count("alert");
        long deliveries = count("delivery");

        // the same history again: a replay of the notifier's intake from the topics' start ...
        assertThat(send("POST", "/api/admin/intake/replay", null).statusCode()).isEqualTo(202);
        // ... and what a rebuild or re-publication sends: old applications and an old lowered classification it never saw
        feed(moved("v-old", organisation, today.instant().minus(Duration.ofDays(40))));
        EventEnvelope oldLowered = lowered(id, organisation, today.instant().minus(Duration.ofDays(60)));
        kafka.send(EVENTS, id, json.writeValueAsString(oldLowered));
        // markers sent last on both single-partition topics: once taken in, everything before them was
        String marker = "marker-" + UUID.randomUUID();
        kafka.send(EVENTS, marker, json.writeValueAsString(new EventEnvelope(UUID.randomUUID().toString(), marker, 0, -1,
                "AiSystemRegistered", today.instant(), Map.of(), json.valueToTree(new AiSystemRegistered(marker, "Marker", "Marker", "x",
                        Phase.PLANNED, null, null, null, null, null, null, null, null)))));
        feed(system(marker, "Marker " + marker, "Marker", false, List.of(item("MARKER", LocalDate.of(2099, 1, 1),
                ObligationStatus.NOT_YET_DUE, false))));
        awaitJson("/api/seen-events?systemId=" + marker, body -> !body.isEmpty());
        awaitTracked("Marker " + marker, 1);
        dispatchAll();
        assertThat(count("alert")).isEqualTo(alerts);
        assertThat(count("delivery")).isEqualTo(deliveries);
        assertThat(get("/api/admin/intake/replay").get("replayedUntil")).isNotEmpty();
        // after the replay, new history notifies again
        EventEnvelope fresh = lowered(id, organisation, today.instant());
        kafka.send(EVENTS, id, json.writeValueAsString(fresh));
        awaitJson("/api/alerts?organisation=" + NotifierStack.encode(organisation), body -> body.size() == 3);
    }

    @Test
    void aRecordSetAsideByAConsumerIsOneNoticeToThePlatformHoweverOftenItIsReported() throws Exception {
        String origin = "aiact.events-1@" + UUID.randomUUID();
        today.setToday(LocalDate.of(2037, 2, 2), Duration.ofHours(10));
        Alert first = notices.recordDeadLetter("query-service/projection", origin, "value too long for type character varying(300)",
                today.instant());
        assertThat(first).isNotNull();
        assertThat(notices.recordDeadLetter("query-service/projection", origin, "the same record again", today.instant())).isNull();
        dispatchAll();
        assertThat(receivers.mailsTo(PLATFORM).stream().filter(m -> m.alertId().equals(first.key()))).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains(origin, "value too long", "set it aside"));
        assertThat(jdbc.queryForList("SELECT channel FROM delivery WHERE alert_key = ?", String.class, first.key()))
                .as("to the platform's address only, not on the organisations' alerts topic").containsExactly("EMAIL");
    }

    // ---------------------------------------------------------------- helpers

    private static JsonNode entry(JsonNode coverage, String organisation) {
        return coverage.get("organisations").valueStream().filter(o -> o.get("organisation").asString().equals(organisation)).findFirst()
                .orElseThrow(() -> new AssertionError("No coverage of " + organisation + ": " + coverage));
    }

    private ObligationsMoved moved(String version, String organisation, Instant appliedAt) {
        return new ObligationsMoved(version, "Version " + version, LocalDate.of(2026, 12, 2), organisation, "evt-" + UUID.randomUUID(),
                List.of(new ObligationsMoved.Move("x", "X", "ART27-FRIA", "Art. 27", LocalDate.of(2026, 8, 2), LocalDate.of(2027, 12, 2),
                        "ai-act-2024", version)), appliedAt);
    }

    private EventEnvelope lowered(String id, String organisation, Instant recordedAt) {
        RiskClassified event = new RiskClassified(id, LocalDate.of(2027, 7, 1), RiskClass.LIMITED,
                List.of(new ClassificationBasis(BasisKind.ART50_TYPE, "50(1)")), false, GpaiRelation.NONE, "Only prepares a human decision",
                RiskClass.HIGH, true);
        return new EventEnvelope("evt-" + UUID.randomUUID(), id, 4, -1, "RiskClassified", recordedAt,
                Map.of("actor", "test", "organisation", organisation), json.valueToTree(event));
    }

    private static SystemObligations system(String id, String organisation, String name, boolean paused, List<ObligationItem> items) {
        return new SystemObligations(id, organisation, name, Phase.IN_USE, paused, RiskClass.HIGH, null, LocalDate.of(2024, 9, 1), null, 3,
                LocalDate.now(), Instant.now(), List.copyOf(items));
    }

    private static ObligationItem item(String code, LocalDate due, ObligationStatus status, boolean critical) {
        return new ObligationItem(code, "Title of " + code, "Art. 1", Role.DEPLOYER, due, status, "ai-act-2026-omnibus",
                "Because " + code + " applies", "Reg. 2024/1689", critical);
    }

    private void feed(ObligationFeedMessage message) {
        kafka.send(FEED, message.key(), json.writerFor(ObligationFeedMessage.class).writeValueAsString(message));
    }

    private void awaitTracked(String organisation, int systems) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (jdbc.queryForObject("SELECT count(*) FROM tracked_system WHERE organisation = ?", Integer.class, organisation) < systems) {
            assertThat(System.nanoTime()).as("the feed of " + organisation + " taken in").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(200); // the last message's obligations, in the same transaction as its system row
    }

    private void recipients(String organisation, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = send("PUT", "/api/organisations/" + NotifierStack.encode(organisation) + "/recipients",
                json.writeValueAsString(body));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private List<String> sweepKeys(String organisation) throws Exception {
        HttpResponse<String> response = send("POST", "/api/admin/sweeps?limit=100000", null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode answer = json.readTree(response.body());
        assertThat(answer.get("simulated").asBoolean()).isFalse();
        List<String> keys = new ArrayList<>();
        answer.get("created").forEach(alert -> {
            if (alert.get("organisation").asString().equals(organisation)) {
                keys.add(alert.get("key").asString());
            }
        });
        return keys;
    }

    private void dispatchAll() {
        while (dispatcher.dispatchDue() > 0) {
            // until nothing due is left
        }
    }

    private long count(String table) {
        return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send("GET", path, null);
            if (response.statusCode() == 200) {
                body = json.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No satisfying answer from " + path + " within 30 s; last: " + body);
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json").header("X-Actor", "carol")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
