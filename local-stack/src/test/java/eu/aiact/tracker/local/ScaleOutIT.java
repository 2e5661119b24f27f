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
 * Issue 21, scale out: two instances of the query service against the same broker and database, each a JVM of its own from the built
 * jar. The events topic's partitions are shared between them and nothing is projected twice; one rebuild runs for both (started once,
 * each replaying its partitions); one instance killed (SIGKILL), the other takes over its partitions and loses nothing. The methods
 * run in order, each on what the one before left.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    @TempDir
    static Path dataDirectory;

    private static final String GROUP = "query-service";
    private static final String TOPIC = "aiact.events";
    private static final String ORGANISATION = "Schaal Organisatie";
    private static final String REGISTER = """
            {"organisation":"%s","name":"Scaled system %d","description":"scale-out test","initialPhase":"IN_USE",
             "role":"DEPLOYER","publicAuthority":true}""";
    private static final String CLASSIFY = """
            {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"scale-out test"}""";
    private static LocalStack stack;
    private static ServiceProcess second;
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
                .withNotifierArguments("--tracker.notifier.sweep-initial-delay=PT1H", "--tracker.notifier.sweep-interval=PT1H")
                .start();
        second = stack.startAnother("query-service", FreePorts.next());
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

        awaitCaughtUp(Duration.ofMinutes(3));
        Map<String, Set<TopicPartition>> members = members();
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
    void anInstanceKilledLosesNothingTheOtherTakesOverItsPartitions() throws Exception {
        second.kill();
        register(40);

        awaitCaughtUp(Duration.ofMinutes(3));
        Map<String, Set<TopicPartition>> members = members();
        assertThat(members).hasSize(1);
        assertThat(members.values().iterator().next()).hasSize(3);
        assertProjectedOnce();
        assertThat(getJson(stack.queryServiceUrl() + "/api/systems/" + systems.get(systems.size() - 1)).get("riskClass").asString())
                .isEqualTo("HIGH");
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

    /** The group's members (by client id and host) and the events topic's partitions each holds. */
    private static Map<String, Set<TopicPartition>> members() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
            Map<String, Set<TopicPartition>> members = new java.util.HashMap<>();
            for (MemberDescription member : group.members()) {
                Set<TopicPartition> partitions = new TreeSet<>(java.util.Comparator.comparing(TopicPartition::toString));
                member.assignment().topicPartitions().stream().filter(p -> p.topic().equals(TOPIC)).forEach(partitions::add);
                if (!partitions.isEmpty()) {
                    members.put(member.consumerId(), partitions);
                }
            }
            return members;
        }
    }

    /** Until the group has committed every partition's end offset and has no rebalance under way. */
    private static void awaitCaughtUp(Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            while (true) {
                var committed = admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
                Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
                for (int p = 0; p < 3; p++) {
                    latest.put(new TopicPartition(TOPIC, p), org.apache.kafka.clients.admin.OffsetSpec.latest());
                }
                long behind = 0;
                for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    var at = committed.get(end.getKey());
                    behind += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
                String state = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP).groupState()
                        .toString();
                if (behind <= 0 && state.equalsIgnoreCase("STABLE")) {
                    return;
                }
                assertThat(System.nanoTime()).as(GROUP + " still " + behind + " records behind (" + state + ")").isLessThan(deadline);
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
        String user = url.contains("/api/admin/") ? "admin" : url.startsWith(stack.commandServiceUrl()) ? "cio-rijk" : "auditor-rekenkamer";
        return "Bearer " + tokens.computeIfAbsent(user, stack::token);
    }

    private static final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();

    private static String log(ServiceProcess service) throws Exception {
        return Files.readString(service.logFile());
    }

    /** The partitions the logs say were sought for this rebuild generation's replay ("replaying [topic-0, topic-2] for ..."). */
    private static Set<String> replayedPartitions(String logs, long generation) {
        Set<String> partitions = new java.util.TreeSet<>();
        java.util.regex.Matcher replaying = java.util.regex.Pattern.compile("replaying \\[([^\\]]*)\\] for rebuild generation " + generation + "\\b")
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
