package eu.aiact.tracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import eu.aiact.tracker.infra.FreePorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 21, scale out: two instances each of the query service and the notifier against the same broker and database, each a JVM of its
 * own from the built jar. The query services share the events topic's partitions and project nothing twice; one rebuild runs for both
 * (started once, each replaying its partitions). The notifiers share the partitions of their group's topics (events and obligations
 * feed) and track every system once; a sweep asked of both at the same moment stores each alert once and the two dispatchers send each
 * delivery once (mail, webhook); the day's second sweep stores and sends nothing. One instance of each killed (SIGKILL), the others
 * take over their partitions and lose nothing: what arrives afterwards is projected, tracked and alerted once. The methods run in order,
 * each on what the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    @TempDir
    static Path dataDirectory;

    private static final String GROUP = "query-service";
    private static final String TOPIC = "aiact.events";
    private static final String NOTIFIER_GROUP = "notifier";
    private static final String FEED = "aiact.obligations";
    /** The organisation's CIO office, where its deadline mails go (one per system and horizon). */
    private static final String CIO_OFFICE = "cio@schaal.example.nl";
    private static final String ORGANISATION = "Schaal Organisatie";
    private static final String REGISTER = """
            {"organisation":"%s","name":"Scaled system %d","description":"scale-out test","initialPhase":"IN_USE",
             "role":"DEPLOYER","publicAuthority":true}""";
    private static final String CLASSIFY = """
            {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"scale-out test"}""";
    private static LocalStack stack;
    private static ServiceProcess second;
    private static ServiceProcess secondNotifier;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final List<String> systems = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        StackPorts ports = new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next());
        stack = new LocalStack(dataDirectory, Path.of(System.getProperty("aiact.services.dir", "target/services")), ports)
                // a killed instance's partitions go to the other after 8 s without its heartbeat (45 s by default)
                .withQueryArguments("--spring.kafka.consumer.properties.session.timeout.ms=8000",
                        "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000")
                // sweeps only when the test asks (on both at the same moment); deliveries sent within a second; the same 8 s session
                .withNotifierArguments("--tracker.notifier.sweep-initial-delay=PT1H", "--tracker.notifier.sweep-interval=PT1H",
                        "--tracker.notifier.dispatch-interval=PT1S",
                        "--spring.kafka.consumer.properties.session.timeout.ms=8000",
                        "--spring.kafka.consumer.properties.heartbeat.interval.ms=2000")
                .start();
        second = stack.startAnother("query-service", FreePorts.next());
        secondNotifier = stack.startAnother("notifier", FreePorts.next());
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void bothInstancesShareThePartitionsAndProjectEveryEventOnce() throws Exception {
        register(60);

        awaitCaughtUp(GROUP, List.of(TOPIC), Duration.ofMinutes(3));
        Map<String, Set<TopicPartition>> members = members(GROUP, TOPIC);
        assertThat(members).as("two members of the group, each with partitions of the events topic").hasSize(2)
                .allSatisfy((member, partitions) -> assertThat(partitions).isNotEmpty());
        assertThat(members.values().stream().mapToInt(Set::size).sum()).isEqualTo(3);
        assertProjectedOnce();
        for (String url : List.of(stack.queryServiceUrl(), second.url())) {
            assertThat(getJson(url + "/api/systems/" + systems.get(0)).get("riskClass").asString()).isEqualTo("HIGH");
        }
    }

    @Test
    @Order(2)
    void aRebuildAskedOfOneInstanceRunsOnceAndEachInstanceReplaysItsPartitions() throws Exception {
        long generation = generation();
        JsonNode before = getJson(stack.queryServiceUrl() + "/api/systems?organisation=Schaal%20Organisatie&limit=1000");

        String rebuild = second.url() + "/api/admin/projections/systems/rebuild";
        HttpResponse<String> asked = send(HttpRequest.newBuilder(URI.create(rebuild)).header("Authorization", bearer(rebuild))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(asked.statusCode()).isEqualTo(202);
        for (String url : List.of(stack.queryServiceUrl(), second.url())) {
            await(url + "/api/admin/projections/systems/rebuild", status -> !status.get("running").asBoolean()
                    && status.get("finishedAt") != null && !status.get("finishedAt").isNull(), Duration.ofMinutes(3));
        }

        assertThat(generation()).as("one generation for both instances").isEqualTo(generation + 1);
        String started = "rebuild generation " + (generation + 1) + " started";
        String first = log(stack.services().stream().filter(s -> s.name().equals("query-service")).findFirst().orElseThrow());
        String other = log(second);
        assertThat(count(first, started) + count(other, started)).as("started once").isEqualTo(1);
        // each instance replays the partitions it holds while the generation runs (which ones depends on the rebalances the rebuild's
        // restart causes): together, every partition of the topic
        assertThat(replayedPartitions(first + other, generation + 1)).as("the partitions replayed by the two instances")
                .containsExactlyInAnyOrder("aiact.events-0", "aiact.events-1", "aiact.events-2");
        assertThat(getJson(stack.queryServiceUrl() + "/api/systems?organisation=Schaal%20Organisatie&limit=1000")).isEqualTo(before);
        assertProjectedOnce();
    }

    @Test
    @Order(3)
    void bothNotifiersShareThePartitionsOfTheirGroupAndTrackEverySystemOnce() throws Exception {
        awaitCaughtUp(NOTIFIER_GROUP, List.of(TOPIC, FEED), Duration.ofMinutes(3));
        for (String topic : List.of(TOPIC, FEED)) {
            Map<String, Set<TopicPartition>> holders = members(NOTIFIER_GROUP, topic);
            // each instance runs one consumer per topic of the group: two members holding a topic's partitions are the two instances
            assertThat(holders).as("two members of the notifier group, each with partitions of " + topic).hasSize(2)
                    .allSatisfy((member, partitions) -> assertThat(partitions).isNotEmpty());
            List<TopicPartition> all = holders.values().stream().flatMap(Set::stream).toList();
            assertThat(all).as("every partition of " + topic + " held by exactly one of them").doesNotHaveDuplicates()
                    .hasSize(partitionsOf(topic));
        }
        awaitTracked(Duration.ofMinutes(3));
        assertTrackedOnce();
    }

    @Test
    @Order(4)
    void aSweepAskedOfBothNotifiersAtOnceStoresEachAlertOnceAndBothDispatchersSendEachDeliveryOnce() throws Exception {
        HttpResponse<String> configured = send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/api/organisations/"
                + ORGANISATION.replace(" ", "%20") + "/recipients")).header("Content-Type", "application/json")
                .header("Authorization", bearer(stack.notifierUrl() + "/api/organisations"))
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"cioOffice":"%s","reviewers":["review@schaal.example.nl"],"webhookUrl":"%s","webhookSecret":"%s","digest":false}"""
                        .formatted(CIO_OFFICE, stack.webhookUrl(), LocalWebhook.SECRET))));
        assertThat(configured.statusCode()).as(configured.body()).isEqualTo(200);
        Set<String> expected = preview(secondNotifier.url());
        assertThat(expected).as("what a sweep today would store for the organisation").isNotEmpty();

        // both at the same moment: the sweeps take turns (one advisory lock); the second finds every key stored
        List<JsonNode> sweeps = sweepOnAllAtOnce(List.of(stack.notifierUrl(), secondNotifier.url()));
        System.out.println("Sweeps asked of both notifiers at once created " + sweeps.stream().map(sweep -> sweep.get("createdCount")
                .asString()).toList() + " of " + expected.size() + " alerts");
        assertThat(sweeps.stream().mapToLong(sweep -> sweep.get("createdCount").asLong()).sum()).as("each alert stored by one of them")
                .isEqualTo(expected.size());
        assertThat(storedAlertKeys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertDeliveredOnce(expected, Duration.ofMinutes(3));

        // the day's second sweep, again on both at once: nothing stored, nothing sent
        assertSweepOnBothStoresAndSendsNothing(Sent.now());
    }

    @Test
    @Order(5)
    void aReplayOfTheIntakeAskedOfOneNotifierRunsOnceForBothAndSendsNothing() throws Exception {
        List<String> consumers = List.of("notifier-intake", "notifier-obligations");
        Map<String, Long> generations = new java.util.HashMap<>();
        for (String consumer : consumers) {
            generations.put(consumer, notifierGeneration(consumer));
        }
        Sent before = Sent.now();

        String replay = secondNotifier.url() + "/api/admin/intake/replay";
        HttpResponse<String> asked = send(HttpRequest.newBuilder(URI.create(replay)).header("Authorization", bearer(replay))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(202);
        for (String url : List.of(stack.notifierUrl(), secondNotifier.url())) {
            await(url + "/api/admin/intake/replay", status -> status.get("progress").valueStream().allMatch(progress ->
                    !progress.get("running").asBoolean() && progress.get("finishedAt") != null && !progress.get("finishedAt").isNull()),
                    Duration.ofMinutes(3));
        }

        String logs = log(stack.services().stream().filter(s -> s.name().equals("notifier")).findFirst().orElseThrow()) + log(secondNotifier);
        for (String consumer : consumers) {
            long generation = generations.get(consumer) + 1;
            assertThat(notifierGeneration(consumer)).as(consumer + ": one generation for both instances").isEqualTo(generation);
            assertThat(count(logs, consumer + ": rebuild generation " + generation + " started")).as(consumer + " started once")
                    .isEqualTo(1);
            String topic = consumer.equals("notifier-intake") ? TOPIC : FEED;
            assertThat(replayedPartitions(logs, consumer + ": ", generation)).as(consumer + ": the partitions the two replayed")
                    .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, partitionsOf(topic))
                            .mapToObj(p -> topic + "-" + p).toList());
        }
        // what was read again notifies nobody, and a sweep finds every alert stored already
        assertSweepOnBothStoresAndSendsNothing(before);
        assertTrackedOnce();
    }

    @Test
    @Order(6)
    void anInstanceOfEachKilledLosesNothingTheOtherTakesOverItsPartitions() throws Exception {
        second.kill();
        secondNotifier.kill();
        int before = systems.size();
        register(40);

        awaitCaughtUp(GROUP, List.of(TOPIC), Duration.ofMinutes(3));
        Map<String, Set<TopicPartition>> members = members(GROUP, TOPIC);
        assertThat(members).hasSize(1);
        assertThat(members.values().iterator().next()).hasSize(3);
        assertProjectedOnce();
        assertThat(getJson(stack.queryServiceUrl() + "/api/systems/" + systems.get(systems.size() - 1)).get("riskClass").asString())
                .isEqualTo("HIGH");

        // the notifier left takes over the killed one's partitions, tracks what arrived since and alerts for it, once
        awaitCaughtUp(NOTIFIER_GROUP, List.of(TOPIC, FEED), Duration.ofMinutes(3));
        for (String topic : List.of(TOPIC, FEED)) {
            Map<String, Set<TopicPartition>> holders = members(NOTIFIER_GROUP, topic);
            assertThat(holders).as("one notifier holds " + topic).hasSize(1);
            assertThat(holders.values().iterator().next()).hasSize(partitionsOf(topic));
        }
        awaitTracked(Duration.ofMinutes(3));
        assertTrackedOnce();
        Set<String> earlier = new TreeSet<>(storedAlertKeys());
        Set<String> added = preview(stack.notifierUrl());
        List<String> newSystems = systems.subList(before, systems.size());
        assertThat(added).as("alerts for the systems registered after the kill, none of the earlier ones").isNotEmpty()
                .allSatisfy(key -> assertThat(newSystems).contains(key.split("\\|")[1]));
        JsonNode sweep = sweepOnAllAtOnce(List.of(stack.notifierUrl())).get(0);
        assertThat(sweep.get("createdCount").asLong()).isEqualTo(added.size());
        Set<String> all = new TreeSet<>(earlier);
        all.addAll(added);
        assertThat(storedAlertKeys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(all);
        assertDeliveredOnce(all, Duration.ofMinutes(3));
    }

    /** Every registered system tracked once by the notifiers, with the events of it seen once each, and no record set aside. */
    private static void assertTrackedOnce() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM notifier.tracked_system WHERE organisation = '" + ORGANISATION + "'"))
                    .isEqualTo(systems.size());
            assertThat(single(s, "SELECT count(*) FROM notifier.seen_event WHERE event_type = 'AiSystemRegistered' AND organisation = '"
                    + ORGANISATION + "'")).isEqualTo(systems.size());
            assertThat(single(s, "SELECT count(*) FROM notifier.seen_event e WHERE e.system_id IN (SELECT system_id FROM"
                    + " notifier.seen_event WHERE organisation = '" + ORGANISATION + "')")).isEqualTo(2L * systems.size());
            assertThat(single(s, "SELECT count(*) FROM notifier.stream_dead_letter")).isZero();
        }
    }

    /** Until the notifiers track every registered system with its classification (the feed's latest evaluation of each). */
    private static void awaitTracked(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String sql = "SELECT count(*) FROM notifier.tracked_system WHERE organisation = '" + ORGANISATION + "' AND risk_class = 'HIGH'";
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            for (long tracked = single(s, sql); tracked < systems.size(); tracked = single(s, sql)) {
                assertThat(System.nanoTime()).as("the notifiers track " + tracked + " of " + systems.size() + " systems").isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    /** The keys a sweep today would store for the organisation, as the notifier's preview says once it no longer changes. */
    private static Set<String> preview(String notifier) throws Exception {
        String url = notifier + "/api/alerts/preview?organisation=" + ORGANISATION.replace(" ", "%20");
        Set<String> keys = new TreeSet<>();
        int stableFor = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (stableFor < 3) {
            assertThat(System.nanoTime()).as("the notifier's preview settles").isLessThan(deadline);
            Set<String> now = new TreeSet<>(getJson(url).get("wouldCreate").findValuesAsString("key"));
            stableFor = now.equals(keys) ? stableFor + 1 : 0;
            keys = now;
            Thread.sleep(1000);
        }
        return keys;
    }

    /** POST /api/admin/sweeps on every notifier at the same moment; each answers 200 with what it stored. */
    /** What the notifiers have stored and sent so far: the alert keys, the delivery rows, the CIO office's mails, the webhook calls. */
    private record Sent(List<String> alerts, long deliveries, int mails, int calls) {
        static Sent now() throws Exception {
            return new Sent(storedAlertKeys(), ScaleOutIT.deliveries(), stack.mailArrivalsTo(CIO_OFFICE).size(), stack.webhookCallIds().size());
        }
    }

    /** A sweep asked of both notifiers at once creates nothing, and after three dispatch runs nothing more is stored or sent. */
    private static void assertSweepOnBothStoresAndSendsNothing(Sent before) throws Exception {
        assertThat(sweepOnAllAtOnce(List.of(stack.notifierUrl(), secondNotifier.url())))
                .allSatisfy(sweep -> assertThat(sweep.get("createdCount").asLong()).isZero());
        Thread.sleep(3000); // three dispatch runs on each instance
        assertThat(storedAlertKeys()).containsExactlyInAnyOrderElementsOf(before.alerts());
        assertThat(deliveries()).isEqualTo(before.deliveries());
        assertThat(stack.mailArrivalsTo(CIO_OFFICE)).hasSize(before.mails());
        assertThat(stack.webhookCallIds()).hasSize(before.calls());
    }

    private static List<JsonNode> sweepOnAllAtOnce(List<String> notifiers) throws Exception {
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> asked = new ArrayList<>();
        for (String notifier : notifiers) {
            String url = notifier + "/api/admin/sweeps";
            asked.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer(url))
                    .timeout(Duration.ofMinutes(2)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonNode> answers = new ArrayList<>();
        for (var answer : asked) {
            HttpResponse<String> response = answer.get(2, TimeUnit.MINUTES);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode body = json.readTree(response.body());
            assertThat(body.get("simulated").asBoolean()).isFalse();
            answers.add(body);
        }
        return answers;
    }

    /** The organisation's stored alerts (not the notices an event brings: deadlines moved, a lowered class). */
    private static List<String> storedAlertKeys() throws Exception {
        List<String> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT alert_key FROM notifier.alert WHERE organisation = '" + ORGANISATION + "'"
                        + " AND alert_key NOT LIKE '%|DEADLINES-MOVED:%' AND alert_key NOT LIKE '%|CLASSIFICATION-LOWERED:%'")) {
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
        }
        return keys;
    }

    private static long deliveries() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            return single(s, "SELECT count(*) FROM notifier.delivery WHERE organisation = '" + ORGANISATION + "'");
        }
    }

    /**
     * Until every delivery of the organisation is sent; then each was sent once: each alert posted once to the webhook (its key the
     * CloudEvents id), each mail (one per system and horizon) arrived once at the CIO office, a delivery row each, one attempt each.
     */
    private static void assertDeliveredOnce(Set<String> alerts, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String where = " FROM notifier.delivery WHERE organisation = '" + ORGANISATION + "'";
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            for (long open = single(s, "SELECT count(*)" + where + " AND status <> 'SENT'"); open > 0;
                    open = single(s, "SELECT count(*)" + where + " AND status <> 'SENT'")) {
                assertThat(System.nanoTime()).as(open + " deliveries not sent").isLessThan(deadline);
                Thread.sleep(250);
            }
            assertThat(single(s, "SELECT count(*)" + where + " AND channel = 'WEBHOOK'")).isEqualTo(alerts.size());
            assertThat(single(s, "SELECT count(*)" + where + " AND channel = 'KAFKA'")).isEqualTo(alerts.size());
            assertThat(single(s, "SELECT count(*)" + where + " AND attempts <> 1")).as("each sent at the first attempt, by one dispatcher")
                    .isZero();
            List<String> mails = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT alert_key" + where + " AND channel = 'EMAIL'")) {
                while (rs.next()) {
                    mails.add(messageId(rs.getString(1)));
                }
            }
            assertThat(mails).isNotEmpty();
            System.out.println(alerts.size() + " alerts of " + ORGANISATION + ": " + mails.size() + " mails, " + alerts.size()
                    + " webhook calls (and as many Kafka deliveries), each sent once");
            assertThat(stack.mailArrivalsTo(CIO_OFFICE)).as("each mail arrived once").containsExactlyInAnyOrderElementsOf(mails);
        }
        assertThat(stack.webhookCallIds().stream().filter(id -> id.startsWith(ORGANISATION + "|")))
                .as("each alert posted to the webhook once").containsExactlyInAnyOrderElementsOf(alerts);
    }

    /** The Message-ID the notifier gives the mail of a message key (SHA-256 of the key, as its CloudEvents.messageId). */
    private static String messageId(String key) throws Exception {
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "<" + java.util.HexFormat.of().formatHex(hash) + "@notifier.aiact-tracker>";
    }

    private static int partitionsOf(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions().size();
        }
    }

    /** Every registered system once in the projection, with its two events once each in its history. */
    private static void assertProjectedOnce() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT count(*) FROM query.ai_system WHERE organisation = '" + ORGANISATION + "'"))
                    .isEqualTo(systems.size());
            assertThat(single(s, "SELECT count(*) FROM query.ai_system WHERE organisation = '" + ORGANISATION + "' AND version = 1"))
                    .isEqualTo(systems.size());
            assertThat(single(s, "SELECT count(*) FROM query.system_event e JOIN query.ai_system a ON a.id = e.system_id"
                    + " WHERE a.organisation = '" + ORGANISATION + "'")).isEqualTo(2L * systems.size());
            assertThat(single(s, "SELECT count(*) FROM query.stream_dead_letter")).isZero();
        }
    }

    private static long generation() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            return single(s, "SELECT coalesce(max(generation), 0) FROM query.stream_rebuild WHERE consumer = 'ai-system-projection'");
        }
    }

    private static long notifierGeneration(String consumer) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            return single(s, "SELECT coalesce(max(generation), 0) FROM notifier.stream_rebuild WHERE consumer = '" + consumer + "'");
        }
    }

    private static long single(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Registers and classifies {@code count} systems through the command service, 8 clients at a time. */
    private static void register(int count) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        ConcurrentLinkedQueue<String> made = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        int offset = systems.size();
        for (int i = 0; i < count; i++) {
            int n = offset + i;
            clients.execute(() -> {
                try {
                    HttpResponse<String> registered = send(post(stack.commandServiceUrl() + "/api/systems",
                            String.format(REGISTER, ORGANISATION, n)));
                    if (registered.statusCode() != 201) {
                        failures.add(registered.statusCode() + " " + registered.body());
                        return;
                    }
                    String id = json.readTree(registered.body()).get("id").asString();
                    HttpResponse<String> classified = send(post(stack.commandServiceUrl() + "/api/systems/" + id + "/classification",
                            CLASSIFY));
                    if (classified.statusCode() != 200) {
                        failures.add(classified.statusCode() + " " + classified.body());
                        return;
                    }
                    made.add(id);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            });
        }
        clients.shutdown();
        assertThat(clients.awaitTermination(3, TimeUnit.MINUTES)).isTrue();
        assertThat(failures).isEmpty();
        systems.addAll(made);
    }

    /** The group's members (by consumer id) that hold partitions of the topic, and those partitions. */
    private static Map<String, Set<TopicPartition>> members(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
            Map<String, Set<TopicPartition>> members = new java.util.HashMap<>();
            for (MemberDescription member : description.members()) {
                Set<TopicPartition> partitions = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
                member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(topic)).forEach(partitions::add);
                if (!partitions.isEmpty()) {
                    members.put(member.consumerId(), partitions);
                }
            }
            return members;
        }
    }

    /** Until the group has committed every partition's end offset of the topics and has no rebalance under way. */
    private static void awaitCaughtUp(String group, List<String> topics, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).forEach((topic, description) -> description
                    .partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
            while (true) {
                var committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                long behind = 0;
                for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    var at = committed.get(end.getKey());
                    behind += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                String state = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group).groupState()
                        .toString();
                if (behind <= 0 && state.equalsIgnoreCase("STABLE")) {
                    return;
                }
                assertThat(System.nanoTime()).as(group + " still " + behind + " records behind on " + topics + " (" + state + ")")
                        .isLessThan(deadline);
                Thread.sleep(250);
            }
        }
    }

    private static JsonNode await(String url, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer(url)).GET());
            if (response.statusCode() == 200) {
                last = json.readTree(response.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(url + " did not answer as expected within " + timeout + "; last: " + last);
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer(url)).GET());
        assertThat(response.statusCode()).as(url + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private static HttpRequest.Builder post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Authorization", bearer(url))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String bearer(String url) {
        boolean notifier = url.startsWith(stack.notifierUrl()) || secondNotifier != null && url.startsWith(secondNotifier.url());
        String user = url.contains("/api/admin/") ? "admin"
                : url.startsWith(stack.commandServiceUrl()) || notifier ? "cio-rijk" : "auditor-rekenkamer";
        return "Bearer " + tokens.computeIfAbsent(user, stack::token);
    }

    private static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private static String log(ServiceProcess service) throws Exception {
        return Files.readString(service.logFile());
    }

    /** The partitions the logs say were sought for this rebuild generation's replay ("replaying [topic-0, topic-2] for ..."). */
    private static Set<String> replayedPartitions(String logs, long generation) {
        return replayedPartitions(logs, "", generation);
    }

    /** As {@link #replayedPartitions(String, long)}, for the consumer whose log lines start so (e.g. "notifier-intake: "). */
    private static Set<String> replayedPartitions(String logs, String consumer, long generation) {
        Set<String> partitions = new java.util.TreeSet<>();
        java.util.regex.Matcher replaying = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(consumer) + "replaying \\[([^\\]]*)\\] for rebuild generation " + generation + "\\b")
                .matcher(logs);
        while (replaying.find()) {
            for (String partition : replaying.group(1).split(",")) {
                partitions.add(partition.strip());
            }
        }
        return partitions;
    }

    private static int count(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            count++;
        }
        return count;
    }
}
