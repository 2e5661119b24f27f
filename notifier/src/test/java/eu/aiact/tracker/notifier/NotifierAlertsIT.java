package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

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
import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertSweeper;
import eu.aiact.tracker.notifier.delivery.Dispatcher;
import eu.aiact.tracker.notifier.support.TestClock;
import eu.aiact.tracker.notifier.support.TestClockConfiguration;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The notifier end to end against real PostgreSQL and Kafka: obligations and events arrive on Kafka topics, recipients are configured
 * through REST, the clock is set, a sweep runs, and the alerts arrive on the alerts topic (read with a plain KafkaConsumer), at a webhook
 * (an in-test HTTP server that checks the HMAC signature) and by mail (an in-process GreenMail SMTP server) - each exactly once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(TestClockConfiguration.class)
@ActiveProfiles("development")
class NotifierAlertsIT {

    private static final String EVENTS = "it-alerts-events";
    private static final String OBLIGATIONS = "it-alerts-obligations";
    private static final String ALERTS = "it-alerts-out";
    private static final String SECRET = "a-shared-secret-of-32-characters";
    private static final LocalDate DUE = LocalDate.of(2027, 8, 2);

    private static final TestEvents kafka = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
    private static final GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private static final HttpServer webhook;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    private static final AtomicInteger failingStatus = new AtomicInteger(500);
    private static final KafkaConsumer<String, String> alertsConsumer;
    private static final List<ConsumerRecord<String, String>> alertRecords = new ArrayList<>();

    static {
        createSinglePartitionTopics();
        mail.start();
        try {
            webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        webhook.createContext("/ok", exchange -> {
            receive(exchange, 200);
        });
        webhook.createContext("/failing", exchange -> {
            receive(exchange, failingStatus.get());
        });
        webhook.start();
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers());
        consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "it-alerts-reader-" + UUID.randomUUID());
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        alertsConsumer = new KafkaConsumer<>(consumer, new StringDeserializer(), new StringDeserializer());
        alertsConsumer.subscribe(List.of(ALERTS));
    }

    @Autowired
    private JsonMapper json;
    @Autowired
    private AlertSweeper sweeper;
    @Autowired
    private Dispatcher dispatcher;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TestClock today;

    private final HttpClient http = HttpClient.newHttpClient();
    private String baseUrl;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // A schema of its own: the other notifier IT's application context (with its own schedulers) must not take these deliveries.
        TestInfrastructure.get().springProperties("notifier_alerts_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> EVENTS);
        registry.add("tracker.obligations-topic", () -> OBLIGATIONS);
        registry.add("tracker.notifier.alerts-topic", () -> ALERTS);
        registry.add("tracker.notifier.sweep-interval", () -> "PT1H");
        registry.add("tracker.notifier.sweep-initial-delay", () -> "PT1H");
        registry.add("tracker.notifier.dispatch-interval", () -> "PT0.2S");
        registry.add("tracker.notifier.channels.webhook.max-attempts", () -> "3");
        registry.add("tracker.notifier.channels.webhook.initial-backoff", () -> "PT0.2S");
        registry.add("tracker.notifier.channels.webhook.timeout", () -> "PT5S");
        // the test's webhook receiver listens on loopback
        registry.add("tracker.notifier.channels.webhook.allowed-targets", () -> "127.0.0.1");
        registry.add("tracker.notifier.dashboard-url", () -> "http://dashboard.test/systems/{id}");
        registry.add("tracker.notifier.mail-from", () -> "notifier@tracker.test");
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> String.valueOf(mail.getSmtp().getPort()));
    }

    @AfterAll
    static void close() {
        kafka.close();
        mail.stop();
        webhook.stop(0);
        alertsConsumer.close();
    }

    @BeforeEach
    void base(@Value("${local.server.port}") int port) {
        baseUrl = "http://127.0.0.1:" + port;
    }

    @Test
    void alertsArriveOnKafkaAtTheWebhookAndByMailExactlyOnceThroughRepeatsRedeliveriesAndTheNextDay() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        putRecipients(organisation, Map.of("cioOffice", "cio@gemeente.test", "reviewers", List.of("review@gemeente.test"),
                "webhookUrl", webhookUrl("/ok/" + organisation.hashCode()), "webhookSecret", SECRET, "digest", false));
        assertThat(jdbc.queryForObject("SELECT webhook_secret FROM recipients WHERE organisation = ?", String.class, organisation))
                .as("encrypted at rest; the webhooks below are still signed with it").startsWith("v1:").doesNotContain(SECRET);
        setClock(DUE.minusDays(30));

        Instant evaluatedAt = Instant.parse("2027-07-03T01:00:00Z");
        SystemObligations obligations = systemObligations(id, organisation, "Toeslagen-signalering", evaluatedAt, List.of(
                item("ART27-FRIA", DUE, ObligationStatus.DUE_SOON),
                item("ART26-LOGS", DUE.minusDays(29), ObligationStatus.DUE_SOON),
                item("ART4-LITERACY", DUE.minusDays(29), ObligationStatus.FULFILLED),
                item("ART50-TRANSPARENCY", DUE.minusDays(29), ObligationStatus.NOT_APPLICABLE)));
        ObligationsMoved moved = new ObligationsMoved("omnibus-2026", "Digital omnibus", LocalDate.of(2026, 12, 2), organisation,
                "evt-" + UUID.randomUUID(), List.of(new ObligationsMoved.Move(id, "Toeslagen-signalering", "ART27-FRIA", "Art. 27",
                        LocalDate.of(2026, 8, 2), DUE, "ai-act-2024", "ai-act-2026-omnibus")));
        EventEnvelope lowered = flaggedRiskClassified(id, organisation);
        publish(obligations);
        publish(moved);
        sendEvent(lowered);

        String fria = organisation + "|" + id + "|ART27-FRIA|H30";
        String logs = organisation + "|" + id + "|ART26-LOGS|H1";
        String movedKey = organisation + "|-|-|DEADLINES-MOVED:omnibus-2026";
        String reviewKey = organisation + "|" + id + "|-|CLASSIFICATION-LOWERED:" + lowered.eventId();
        awaitJson("/api/alerts/preview?organisation=" + encode(organisation), body -> keys(body.get("wouldCreate")).contains(fria));
        awaitJson("/api/alerts?organisation=" + encode(organisation), body -> alertKeys(body).containsAll(List.of(movedKey, reviewKey)));

        // the sweep: only the nearest horizon reached (30 days, 1 day), nothing for fulfilled / not applicable obligations
        assertThat(sweepKeys(organisation)).containsExactlyInAnyOrder(fria, logs);

        List<String> all = List.of(fria, logs, movedKey, reviewKey);
        Map<String, JsonNode> events = awaitAlertEvents(all);
        JsonNode friaEvent = events.get(fria);
        assertThat(friaEvent.get("specversion").asString()).isEqualTo("1.0");
        assertThat(friaEvent.get("source").asString()).isEqualTo("urn:aiact-tracker:notifier");
        assertThat(friaEvent.get("type").asString()).isEqualTo("eu.aiact.tracker.alert.deadline");
        assertThat(friaEvent.get("subject").asString()).isEqualTo(id);
        assertThat(friaEvent.get("datacontenttype").asString()).isEqualTo("application/json");
        assertThat(friaEvent.get("time").asString()).startsWith("2027-07-03T");
        JsonNode data = friaEvent.get("data");
        assertThat(data.get("systemName").asString()).isEqualTo("Toeslagen-signalering");
        assertThat(data.get("organisation").asString()).isEqualTo(organisation);
        assertThat(data.get("code").asString()).isEqualTo("ART27-FRIA");
        assertThat(data.get("title").asString()).isEqualTo("Title of ART27-FRIA");
        assertThat(data.get("article").asString()).isEqualTo("Art. 1");
        assertThat(data.get("source").asString()).isEqualTo("Reg. 2024/1689, Art. 113");
        assertThat(data.get("dueDate").asString()).isEqualTo("2027-08-02");
        assertThat(data.get("daysLeft").asInt()).isEqualTo(30);
        assertThat(data.get("severity").asString()).isEqualTo("WARNING");
        assertThat(data.get("reason").asString()).isEqualTo("Because ART27-FRIA applies");
        assertThat(data.get("dashboardUrl").asString()).isEqualTo("http://dashboard.test/systems/" + id);
        assertThat(events.get(movedKey).get("data").get("moves").get(0).get("newDueDate").asString()).isEqualTo("2027-08-02");
        assertThat(events.get(reviewKey).get("type").asString()).isEqualTo("eu.aiact.tracker.alert.classification-lowered");

        List<Received> hooks = awaitWebhooks(organisation, 4);
        for (Received hook : hooks) {
            assertThat(hook.signature()).isEqualTo("sha256=" + hmac(hook.body(), SECRET));
            assertThat(hook.contentType()).isEqualTo("application/cloudevents+json");
            assertThat(json.readTree(hook.body()).get("id").asString()).isEqualTo(hook.ceId());
        }
        assertThat(hooks).extracting(Received::ceId).containsExactlyInAnyOrderElementsOf(all);

        List<MimeMessage> mails = awaitMails(organisation, 4);
        MimeMessage friaMail = mails.stream().filter(m -> header(m, "X-Alert-Id").equals(fria)).findFirst().orElseThrow();
        assertThat(friaMail.getSubject()).isEqualTo("[AI Act] ART27-FRIA due in 30 days: Toeslagen-signalering");
        assertThat(friaMail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("cio@gemeente.test");
        assertThat(friaMail.getMessageID()).matches("<[0-9a-f]{64}@notifier\\.aiact-tracker>");
        String text = GreenMailUtil.getBody(friaMail);
        assertThat(text).contains("Toeslagen-signalering (" + id + ")", "ART27-FRIA: Title of ART27-FRIA", "Art. 1",
                "Reg. 2024/1689, Art. 113", "2027-08-02", "Days left:    30", "WARNING", "Because ART27-FRIA applies",
                "http://dashboard.test/systems/" + id, organisation);
        MimeMessage reviewMail = mails.stream().filter(m -> header(m, "X-Alert-Id").equals(reviewKey)).findFirst().orElseThrow();
        assertThat(reviewMail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("review@gemeente.test");
        assertThat(mails.stream().filter(m -> header(m, "X-Alert-Id").equals(movedKey)).findFirst().map(m -> GreenMailUtil.getBody(m))
                .orElseThrow()).contains("2026-08-02 -> 2027-08-02");
        assertThat(mails).extracting(NotifierAlertsIT::messageId).doesNotHaveDuplicates();

        // Repeats change nothing: the sweep again, every message again, and an older evaluation (which would have dropped the FRIA).
        assertThat(sweepKeys(organisation)).isEmpty();
        publish(obligations);
        publish(moved);
        sendEvent(lowered);
        publish(systemObligations(id, organisation, "Toeslagen-signalering", evaluatedAt.minusSeconds(3600),
                List.of(item("ART99-OLD", DUE.minusDays(28), ObligationStatus.DUE_SOON))));
        awaitIntakeOfLaterMessages();
        assertThat(sweepKeys(organisation)).isEmpty();

        // The next day: only the logging duty that is due that day is new; the FRIA stays at its 30-day alert.
        setClock(DUE.minusDays(29));
        String logsDue = organisation + "|" + id + "|ART26-LOGS|DUE";
        assertThat(sweepKeys(organisation)).containsExactly(logsDue);
        List<String> five = List.of(fria, logs, movedKey, reviewKey, logsDue);
        awaitAlertEvents(five);
        awaitWebhooks(organisation, 5);
        awaitMails(organisation, 5);
        Thread.sleep(1500); // room for anything that should not come
        assertThat(countAlertEvents(five)).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(webhooksOf(organisation)).extracting(Received::ceId).containsExactlyInAnyOrderElementsOf(five);
        assertThat(mailsOf(organisation)).hasSize(5);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE organisation = ?", Integer.class, organisation)).isEqualTo(5);
    }

    @Test
    void aDueDateMovedLaterAfterItsAlertWasSentGetsTheNewCyclesAlertOnceWhenItsDayComes() throws Exception {
        String organisation = "Waterschap " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        putRecipients(organisation, Map.of("cioOffice", "cio@waterschap.test", "reviewers", List.of(),
                "webhookUrl", webhookUrl("/ok/" + organisation.hashCode()), "webhookSecret", SECRET, "digest", false));
        LocalDate review = LocalDate.of(2027, 9, 1);
        setClock(review.minusDays(20));
        Instant evaluatedAt = Instant.parse("2027-08-12T01:00:00Z");
        publish(systemObligations(id, organisation, "Peilbeheer", evaluatedAt,
                List.of(item("NL-CLASSIFICATION-REVIEW", review, ObligationStatus.DUE_SOON))));
        String h30 = organisation + "|" + id + "|NL-CLASSIFICATION-REVIEW|H30";
        awaitJson("/api/alerts/preview?organisation=" + encode(organisation), body -> keys(body.get("wouldCreate")).contains(h30));
        assertThat(sweepKeys(organisation)).containsExactly(h30);
        awaitAlertEvents(List.of(h30));
        awaitWebhooks(organisation, 1);
        awaitMails(organisation, 1);

        // The organisation records its next classification with a review date 400 days later: the query service's next evaluation.
        LocalDate next = review.plusDays(400);
        publish(systemObligations(id, organisation, "Peilbeheer", evaluatedAt.plus(Duration.ofDays(1)),
                List.of(item("NL-CLASSIFICATION-REVIEW", next, ObligationStatus.NOT_YET_DUE))));
        String nextH30 = h30 + "@" + next;
        awaitJson("/api/alerts/preview?asOf=" + next.minusDays(30) + "&organisation=" + encode(organisation),
                body -> keys(body.get("wouldCreate")).contains(nextH30));

        // 30 days before the new review date its 30-day alert is created and delivered, once; the same day again creates nothing.
        setClock(next.minusDays(30));
        assertThat(sweepKeys(organisation)).containsExactly(nextH30);
        assertThat(sweepKeys(organisation)).isEmpty();
        Map<String, JsonNode> events = awaitAlertEvents(List.of(h30, nextH30));
        assertThat(events.get(nextH30).get("data").get("dueDate").asString()).isEqualTo(next.toString());
        assertThat(events.get(nextH30).get("data").get("daysLeft").asInt()).isEqualTo(30);
        awaitWebhooks(organisation, 2);
        List<MimeMessage> mails = awaitMails(organisation, 2);
        MimeMessage nextMail = mails.stream().filter(m -> header(m, "X-Alert-Id").equals(nextH30)).findFirst().orElseThrow();
        assertThat(nextMail.getSubject()).isEqualTo("[AI Act] NL-CLASSIFICATION-REVIEW due in 30 days: Peilbeheer");
        assertThat(GreenMailUtil.getBody(nextMail)).contains(next.toString());
        Thread.sleep(1500); // room for anything that should not come
        assertThat(countAlertEvents(List.of(h30, nextH30))).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(webhooksOf(organisation)).extracting(Received::ceId).containsExactlyInAnyOrder(h30, nextH30);
        assertThat(mailsOf(organisation)).hasSize(2);
        assertThat(jdbc.queryForList("SELECT due_date FROM alert WHERE organisation = ? ORDER BY id", LocalDate.class, organisation))
                .containsExactly(review, next);
    }

    @Test
    void aWebhookThatKeepsFailingBecomesADeadLetterThatCanBeRetried() throws Exception {
        String organisation = "Provincie " + UUID.randomUUID();
        String path = "/failing/" + Math.abs(organisation.hashCode());
        putRecipients(organisation, Map.of("cioOffice", "cio@provincie.test", "webhookUrl", webhookUrl(path), "webhookSecret", SECRET));
        failingStatus.set(500);
        publish(new ObligationsMoved("v-dead", "Dead letter test", LocalDate.of(2026, 12, 2), organisation, "evt-1", List.of()));
        String key = organisation + "|-|-|DEADLINES-MOVED:v-dead";

        JsonNode dead = awaitJson("/api/admin/dead-letters?limit=1000", body -> find(body, key) != null);
        JsonNode letter = find(dead, key);
        assertThat(letter.get("channel").asString()).isEqualTo("WEBHOOK");
        assertThat(letter.get("attempts").asInt()).isEqualTo(3);
        assertThat(letter.get("lastError").asString()).contains("500");
        assertThat(received.stream().filter(r -> r.path().equals(path)).count()).isEqualTo(3);
        // the other channels of the same alert were not held up
        JsonNode alerts = awaitJson("/api/alerts?organisation=" + encode(organisation), body -> status(body, "KAFKA").equals("SENT"));
        assertThat(status(alerts, "WEBHOOK")).isEqualTo("DEAD");

        failingStatus.set(204);
        HttpResponse<String> retry = post("/api/admin/dead-letters/" + letter.get("id").asLong() + "/retry");
        assertThat(retry.statusCode()).isEqualTo(200);
        awaitJson("/api/alerts?organisation=" + encode(organisation), body -> status(body, "WEBHOOK").equals("SENT"));
        assertThat(received.stream().filter(r -> r.path().equals(path)).count()).isEqualTo(4);
        assertThat(post("/api/admin/dead-letters/" + letter.get("id").asLong() + "/retry").statusCode()).isEqualTo(409);
        assertThat(find(json.readTree(get("/api/admin/dead-letters?limit=1000").body()), key)).isNull();
    }

    @Test
    void badRecipientsAreRefusedWithProblemDetailsNamingTheFieldAndTheSecretIsNeverShown() throws Exception {
        String organisation = "Waterschap " + UUID.randomUUID();
        assertBadRequest(organisation, Map.of("cioOffice", "not-an-email"), "cioOffice");
        assertBadRequest(organisation, Map.of("cioOffice", "cio@ws.test", "reviewers", List.of("ok@ws.test", "nope")), "reviewers[1]");
        assertBadRequest(organisation, Map.of("cioOffice", "cio@ws.test", "webhookUrl", "ftp://ws.test/hook", "webhookSecret", SECRET),
                "webhookUrl");
        assertBadRequest(organisation, Map.of("cioOffice", "cio@ws.test", "webhookUrl", "https://ws.test/hook", "webhookSecret", "short"),
                "webhookSecret");
        assertBadRequest(organisation, Map.of("cioOffice", "cio@ws.test", "webhookUrl", "https://ws.test/hook"), "webhookSecret");
        assertThat(get("/api/organisations/" + encode(organisation) + "/recipients").statusCode()).isEqualTo(404);

        putRecipients(organisation, Map.of("cioOffice", "cio@ws.test", "webhookUrl", "https://ws.test/hook", "webhookSecret", SECRET,
                "digest", true));
        HttpResponse<String> response = get("/api/organisations/" + encode(organisation) + "/recipients");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).doesNotContain(SECRET);
        JsonNode body = json.readTree(response.body());
        assertThat(body.get("webhookSecret").asString()).isEqualTo("set");
        assertThat(body.get("cioOffice").asString()).isEqualTo("cio@ws.test");
        assertThat(body.get("digest").asBoolean()).isTrue();
    }

    @Test
    void thePreviewAnswersWithoutStoringOrSending() throws Exception {
        String organisation = "Ministerie " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        putRecipients(organisation, Map.of("cioOffice", "cio@ministerie.test"));
        publish(systemObligations(id, organisation, "Fraudescore", Instant.now(), List.of(item("ART27-FRIA", DUE, ObligationStatus.OVERDUE))));
        String overdue = organisation + "|" + id + "|ART27-FRIA|OVERDUE";
        String critical = organisation + "|" + id + "|ART27-FRIA|CRITICAL-OVERDUE";

        JsonNode preview = awaitJson("/api/alerts/preview?asOf=2027-08-05&organisation=" + encode(organisation),
                body -> !body.get("wouldCreate").isEmpty());
        assertThat(keys(preview.get("wouldCreate"))).containsExactlyInAnyOrder(overdue, critical);
        assertThat(preview.get("wouldCreate").get(0).get("daysLeft").asInt()).isEqualTo(-3);
        assertThat(json.readTree(get("/api/alerts/preview?asOf=2027-06-01&organisation=" + encode(organisation)).body())
                .get("wouldCreate").get(0).get("key").asString()).isEqualTo(organisation + "|" + id + "|ART27-FRIA|H90");
        assertThat(get("/api/alerts/preview?asOf=not-a-date").statusCode()).isEqualTo(400);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE organisation = ?", Integer.class, organisation)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE organisation = ?", Integer.class, organisation)).isZero();
        assertThat(json.readTree(get("/api/alerts?organisation=" + encode(organisation)).body())).isEmpty();

        setClock(LocalDate.of(2027, 8, 5));
        assertThat(sweepKeys(organisation)).containsExactlyInAnyOrder(overdue, critical);
        JsonNode after = json.readTree(get("/api/alerts/preview?asOf=2027-08-05&organisation=" + encode(organisation)).body());
        assertThat(after.get("wouldCreate")).isEmpty();
        assertThat(keys(after.get("alreadyStored"))).containsExactlyInAnyOrder(overdue, critical);
    }

    @Test
    void aSweepRolledBackBeforeItsCommitIsDecidedAgainAndEachAlertIsStoredAndSentOnce() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        putRecipients(organisation, Map.of("cioOffice", "cio@restart.test", "webhookUrl", webhookUrl("/ok/restart-" + id),
                "webhookSecret", SECRET));
        publish(systemObligations(id, organisation, "Parkeerscan", Instant.now(), List.of(
                item("ART26-LOGS", LocalDate.of(2028, 1, 10), ObligationStatus.NOT_YET_DUE),
                item("ART27-FRIA", LocalDate.of(2028, 1, 1), ObligationStatus.NOT_YET_DUE))));
        LocalDate date = LocalDate.of(2027, 12, 31);
        awaitJson("/api/alerts/preview?asOf=" + date + "&organisation=" + encode(organisation), body -> body.get("wouldCreate").size() == 2);

        // a crash before the commit: the sweep's work is rolled back, nothing was stored and so nothing can be sent
        setClock(date);
        transactions.executeWithoutResult(status -> {
            assertThat(ofOrganisation(sweeper.sweep(), organisation)).hasSize(2);
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE organisation = ?", Integer.class, organisation)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM delivery WHERE organisation = ?", Integer.class, organisation)).isZero();

        // the next sweep decides the same alerts again, once
        List<String> keys = ofOrganisation(sweeper.sweep(), organisation).stream().map(Alert::key).toList();
        assertThat(keys).containsExactlyInAnyOrder(organisation + "|" + id + "|ART26-LOGS|H30",
                organisation + "|" + id + "|ART27-FRIA|H1");
        assertThat(ofOrganisation(sweeper.sweep(), organisation)).isEmpty();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE organisation = ?", Integer.class, organisation)).isEqualTo(2);

        awaitAlertEvents(keys);
        awaitWebhooks(organisation, 2);
        awaitMails(organisation, 2);
        awaitJson("/api/alerts?organisation=" + encode(organisation), body -> {
            for (JsonNode alert : body) {
                for (JsonNode delivery : alert.get("deliveries")) {
                    if (!delivery.get("status").asString().equals("SENT")) {
                        return false;
                    }
                }
            }
            return body.size() == 2;
        });
        // dispatching again after the deliveries were recorded sends nothing new
        assertThat(dispatcher.dispatchDue()).isZero();
        assertThat(dispatcher.dispatchDue()).isZero();
        Thread.sleep(1000);
        assertThat(countAlertEvents(keys)).allSatisfy((key, count) -> assertThat(count).as(key).isEqualTo(1));
        assertThat(webhooksOf(organisation)).hasSize(2);
        assertThat(mailsOf(organisation)).hasSize(2);

        // a crash between sending and recording (the delivery still looks pending): the resend carries the same id, for receivers to drop
        jdbc.update("UPDATE delivery SET status = 'PENDING', sent_at = NULL WHERE organisation = ? AND channel = 'WEBHOOK' AND alert_key = ?",
                organisation, keys.get(0));
        awaitWebhooks(organisation, 3);
        assertThat(webhooksOf(organisation)).extracting(Received::ceId).filteredOn(keys.get(0)::equals).hasSize(2);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE organisation = ?", Integer.class, organisation)).isEqualTo(2);
    }

    @Test
    void digestRecipientsGetOneDailyMailListingEverything() throws Exception {
        String organisation = "Gemeente " + UUID.randomUUID();
        String id = UUID.randomUUID().toString();
        putRecipients(organisation, Map.of("cioOffice", "digest@gemeente.test", "digest", true));
        publish(systemObligations(id, organisation, "Bijstandsrobot", Instant.now(), List.of(
                item("ART26-LOGS", LocalDate.of(2029, 1, 10), ObligationStatus.NOT_YET_DUE),
                item("ART27-FRIA", LocalDate.of(2029, 1, 1), ObligationStatus.NOT_YET_DUE))));
        awaitJson("/api/alerts/preview?asOf=2028-12-31&organisation=" + encode(organisation), body -> body.get("wouldCreate").size() == 2);
        setClock(LocalDate.of(2028, 12, 31));
        assertThat(sweepKeys(organisation)).hasSize(2);
        assertThat(sweepKeys(organisation)).isEmpty();
        // the day's digest goes out once the day is over, holding every alert of the day
        Thread.sleep(1000);
        assertThat(mailsOf(organisation)).isEmpty();
        today.setToday(LocalDate.of(2029, 1, 1), Duration.ofMinutes(2));
        List<MimeMessage> mails = awaitMails(organisation, 1);
        Thread.sleep(1000);
        assertThat(mailsOf(organisation)).hasSize(1);
        MimeMessage digest = mails.get(0);
        assertThat(digest.getSubject()).isEqualTo("[AI Act] Daily digest 2028-12-31: 2 alerts for " + organisation);
        assertThat(GreenMailUtil.getBody(digest)).contains("ART26-LOGS due in 10 days: Bijstandsrobot",
                "ART27-FRIA due in 1 day: Bijstandsrobot");
    }

    @Test
    void aSweepOverSeveralPagesOfSystemsStoresWhatThePreviewDecidesOnceInSystemOrder() throws Exception {
        String organisation = "Paged " + UUID.randomUUID();
        LocalDate date = LocalDate.of(2031, 3, 1);
        int systems = 2 * AlertSweeper.PAGE_SIZE + 345;
        List<Object[]> systemRows = new ArrayList<>();
        List<Object[]> obligationRows = new ArrayList<>();
        for (int i = 0; i < systems; i++) {
            String id = organisation + "-" + String.format("%05d", i);
            // one in ten an experiment of 13 months (an alert of its own); every hundredth without any obligation
            boolean experiment = i % 10 == 0;
            systemRows.add(new Object[] {id, organisation, "Paged system " + i, experiment ? "EXPERIMENT" : "IN_USE", false, "HIGH",
                    java.sql.Date.valueOf(date.minusMonths(13)), experiment ? null : java.sql.Date.valueOf(date.minusYears(2))});
            if (i % 100 != 99) {
                obligationRows.add(new Object[] {id, "ART27-FRIA", organisation, "Paged system " + i, java.sql.Date.valueOf(date.plusDays(i % 40 - 20)),
                        "DUE_SOON"});
                obligationRows.add(new Object[] {id, "ART4-LITERACY", organisation, "Paged system " + i, java.sql.Date.valueOf(date.minusDays(3)),
                        i % 2 == 0 ? "FULFILLED" : "OVERDUE"});
            }
        }
        jdbc.batchUpdate("""
                INSERT INTO tracked_system (system_id, organisation, system_name, phase, paused, risk_class, experiment_started_on,
                    in_service_since, system_version, evaluated_at, received_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, now(), now())""", systemRows);
        jdbc.batchUpdate("""
                INSERT INTO tracked_obligation (system_id, code, organisation, system_name, title, article, bearer, due_date, status,
                    rulebook, reason, source, phase, paused, risk_class)
                VALUES (?, ?, ?, ?, 'A title', 'Art. 27', 'DEPLOYER', ?, ?, 'ai-act-2024', 'Because', 'Reg. 2024/1689', 'IN_USE', FALSE,
                    'HIGH')""", obligationRows);
        JsonNode wouldCreate = json.readTree(get("/api/alerts/preview?asOf=" + date + "&organisation=" + encode(organisation)).body())
                .get("wouldCreate");
        List<String> previewed = keys(wouldCreate);
        assertThat(previewed).hasSizeGreaterThan(systems);
        List<String> fields = List.of("key", "kind", "severity", "audience", "organisation", "systemId", "systemName", "code", "title",
                "article", "source", "dueDate", "daysLeft", "horizonDays", "reason", "summary", "dashboardUrl", "decidedOn");
        List<String> previewedRows = new ArrayList<>();
        wouldCreate.forEach(alert -> previewedRows.add(fields.stream()
                .map(f -> alert.get(f) == null || alert.get(f).isNull() ? "null" : alert.get(f).asString()).collect(Collectors.joining("|"))));

        // rolled back at the end: nothing of it is sent
        setClock(date);
        transactions.executeWithoutResult(status -> {
            AlertSweeper.Result result = sweeper.sweep(5);
            assertThat(result.first()).hasSize(5);
            assertThat(result.created()).isGreaterThanOrEqualTo(previewed.size());
            assertThat(jdbc.queryForList("""
                    SELECT concat_ws('|', alert_key, kind, severity, audience, organisation, coalesce(system_id, 'null'),
                        coalesce(system_name, 'null'), coalesce(code, 'null'), coalesce(title, 'null'), coalesce(article, 'null'),
                        coalesce(source, 'null'), coalesce(due_date::text, 'null'), coalesce(days_left::text, 'null'),
                        coalesce(horizon_days::text, 'null'), coalesce(reason, 'null'), summary, coalesce(dashboard_url, 'null'),
                        decided_on::text)
                    FROM alert WHERE organisation = ? ORDER BY id""", String.class, organisation))
                    .containsExactlyElementsOf(previewedRows);
            assertThat(jdbc.queryForList("SELECT count(*) FROM alert WHERE organisation = ? AND (moves IS NOT NULL OR email_digest"
                    + " OR created_at IS NULL)", Integer.class, organisation)).containsExactly(0);
            assertThat(jdbc.queryForList("SELECT channel FROM delivery WHERE organisation = ? ORDER BY id", String.class, organisation))
                    .hasSize(previewed.size()).containsOnly("KAFKA");
            assertThat(jdbc.queryForList("SELECT alert_key FROM delivery WHERE organisation = ? ORDER BY id", String.class, organisation))
                    .containsExactlyElementsOf(previewed);
            assertThat(sweeper.sweep(5).created()).isZero();
            status.setRollbackOnly();
        });
        assertThat(jdbc.queryForObject("SELECT count(*) FROM alert WHERE organisation = ?", Integer.class, organisation)).isZero();
        jdbc.update("DELETE FROM tracked_system WHERE organisation = ?", organisation);

        // the answer lists at most `limit` of the alerts it created, and says how many there were
        JsonNode answer = json.readTree(post("/api/admin/sweeps?limit=0").body());
        assertThat(answer.get("created")).isEmpty();
        assertThat(answer.get("truncated").asBoolean()).isEqualTo(answer.get("createdCount").asLong() > 0);
    }

    // ---------------------------------------------------------------- helpers

    private record Received(String path, String body, String signature, String ceId, String contentType) {
    }

    private static void receive(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(exchange.getRequestURI().getPath(), body, exchange.getRequestHeaders().getFirst("X-Signature"),
                    exchange.getRequestHeaders().getFirst("ce-id"), exchange.getRequestHeaders().getFirst("Content-Type")));
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    private static void createSinglePartitionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
            // one partition each, so that a marker sent last is read last
            admin.createTopics(List.of(new NewTopic(EVENTS, 1, (short) 1), new NewTopic(OBLIGATIONS, 1, (short) 1),
                    new NewTopic(ALERTS, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                throw new IllegalStateException("Could not create the test topics", e);
            }
        }
    }

    private static String hmac(String body, String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    private static SystemObligations systemObligations(String id, String organisation, String name, Instant evaluatedAt,
            List<ObligationItem> items) {
        return new SystemObligations(id, organisation, name, Phase.IN_USE, false, RiskClass.HIGH, null, LocalDate.of(2024, 9, 1), null, 3,
                LocalDate.ofInstant(evaluatedAt, java.time.ZoneOffset.UTC), evaluatedAt, items);
    }

    /** The FRIA and the EU database registration are critical when overdue, as their rules in the rulebook files say. */
    private static ObligationItem item(String code, LocalDate due, ObligationStatus status) {
        return new ObligationItem(code, "Title of " + code, "Art. 1", Role.DEPLOYER, due, status, "ai-act-2024",
                "Because " + code + " applies", "Reg. 2024/1689, Art. 113", List.of("ART27-FRIA", "ART49-3-REGISTRATION").contains(code));
    }

    private EventEnvelope flaggedRiskClassified(String id, String organisation) {
        RiskClassified event = new RiskClassified(id, LocalDate.of(2027, 7, 1), RiskClass.LIMITED,
                List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)")), false, GpaiRelation.NONE,
                "Only prepares a human decision", RiskClass.HIGH, true);
        return new EventEnvelope("evt-" + UUID.randomUUID(), id, 4, -1, "RiskClassified", today.instant(),
                Map.of("actor", "test", "organisation", organisation), json.valueToTree(event));
    }

    private void publish(ObligationFeedMessage message) {
        kafka.send(OBLIGATIONS, message.key(), json.writerFor(ObligationFeedMessage.class).writeValueAsString(message));
    }

    private void sendEvent(EventEnvelope envelope) {
        kafka.send(EVENTS, envelope.aggregateId(), json.writeValueAsString(envelope));
    }

    /** Sends a marker to both single-partition topics and waits until each is taken in: everything sent before is taken in too. */
    private void awaitIntakeOfLaterMessages() throws Exception {
        String marker = UUID.randomUUID().toString();
        String markerOrganisation = "Marker " + marker;
        publish(systemObligations(marker, markerOrganisation, "Marker", Instant.now(),
                List.of(item("MARKER", LocalDate.of(2099, 1, 1), ObligationStatus.NOT_YET_DUE))));
        sendEvent(new EventEnvelope(UUID.randomUUID().toString(), marker, 0, -1, "AiSystemRegistered", Instant.now(), Map.of(),
                json.valueToTree(new AiSystemRegistered(marker, markerOrganisation, "Marker", "x", Phase.PLANNED, null, null, null, null, null,
                        null, null, null))));
        awaitJson("/api/alerts/preview?asOf=2098-12-31&organisation=" + encode(markerOrganisation), body -> !body.get("wouldCreate").isEmpty());
        awaitJson("/api/seen-events?systemId=" + marker, body -> !body.isEmpty());
    }

    private List<String> sweepKeys(String organisation) throws Exception {
        HttpResponse<String> response = post("/api/admin/sweeps");
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> keys = new ArrayList<>();
        for (JsonNode alert : json.readTree(response.body()).get("created")) {
            if (alert.get("organisation").asString().equals(organisation)) {
                keys.add(alert.get("key").asString());
            }
        }
        return keys;
    }

    private static List<Alert> ofOrganisation(List<Alert> alerts, String organisation) {
        return alerts.stream().filter(a -> a.organisation().equals(organisation)).toList();
    }

    /** Today (the notifier's real date) becomes the date: what the notifier decides on it is real and sent. */
    private void setClock(LocalDate date) {
        today.setToday(date);
    }

    private void putRecipients(String organisation, Map<String, Object> body) throws Exception {
        HttpResponse<String> response = putJson("/api/organisations/" + encode(organisation) + "/recipients", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private void assertBadRequest(String organisation, Map<String, Object> body, String field) throws Exception {
        HttpResponse<String> response = putJson("/api/organisations/" + encode(organisation) + "/recipients", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        List<String> fields = new ArrayList<>();
        problem.get("errors").forEach(e -> fields.add(e.get("field").asString()));
        assertThat(fields).as(response.body()).contains(field);
        assertThat(problem.get("detail").asString()).contains(field);
    }

    private HttpResponse<String> putJson(String path, Object body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(baseUrl + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode awaitJson(String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        JsonNode body = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = get(path);
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

    private static List<String> keys(JsonNode alerts) {
        List<String> keys = new ArrayList<>();
        alerts.forEach(a -> keys.add(a.isString() ? a.asString() : a.get("key").asString()));
        return keys;
    }

    private static List<String> alertKeys(JsonNode list) {
        List<String> keys = new ArrayList<>();
        list.forEach(a -> keys.add(a.get("alert").get("key").asString()));
        return keys;
    }

    private static String status(JsonNode alertList, String channel) {
        for (JsonNode alert : alertList) {
            for (JsonNode delivery : alert.get("deliveries")) {
                if (delivery.get("channel").asString().equals(channel)) {
                    return delivery.get("status").asString();
                }
            }
        }
        return "";
    }

    private static JsonNode find(JsonNode deliveries, String key) {
        for (JsonNode delivery : deliveries) {
            if (delivery.get("alertKey").asString().equals(key)) {
                return delivery;
            }
        }
        return null;
    }

    private synchronized void pollAlerts() {
        for (ConsumerRecord<String, String> record : alertsConsumer.poll(Duration.ofMillis(200))) {
            alertRecords.add(record);
        }
    }

    private Map<String, JsonNode> awaitAlertEvents(List<String> keys) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            pollAlerts();
            Map<String, JsonNode> found = new java.util.HashMap<>();
            for (ConsumerRecord<String, String> record : alertRecords) {
                if (keys.contains(record.key())) {
                    JsonNode event = json.readTree(record.value());
                    assertThat(event.get("id").asString()).isEqualTo(record.key());
                    found.put(record.key(), event);
                }
            }
            if (found.keySet().containsAll(keys)) {
                return found;
            }
        }
        throw new AssertionError("Not all alerts on " + ALERTS + " within 30 s: " + keys);
    }

    private Map<String, Long> countAlertEvents(List<String> keys) {
        pollAlerts();
        pollAlerts();
        return alertRecords.stream().filter(r -> keys.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
    }

    private List<Received> webhooksOf(String organisation) {
        List<Received> hooks = new ArrayList<>();
        for (Received r : received) {
            if (r.path().startsWith("/ok/") && r.ceId() != null && r.ceId().startsWith(organisation + "|")) {
                hooks.add(r);
            }
        }
        return hooks;
    }

    private List<Received> awaitWebhooks(String organisation, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Received> hooks = webhooksOf(organisation);
            if (hooks.size() >= count) {
                return hooks;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Fewer than " + count + " webhook calls for " + organisation + ": " + webhooksOf(organisation));
    }

    private static List<MimeMessage> mailsOf(String organisation) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            String alertId = header(message, "X-Alert-Id");
            if (alertId.startsWith(organisation + "|") || alertId.startsWith("digest|" + organisation + "|")) {
                mails.add(message);
            }
        }
        return mails;
    }

    private static List<MimeMessage> awaitMails(String organisation, int count) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> mails = mailsOf(organisation);
            if (mails.size() >= count) {
                return mails;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("Fewer than " + count + " mails for " + organisation + ": " + mailsOf(organisation).size());
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, null);
            return value == null ? "" : value;
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String webhookUrl(String path) {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + path;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
