package eu.aiact.tracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.infra.TestTopicReader;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end through all three services, each in its own JVM from its built jar, on a real PostgreSQL and a real Kafka broker: the
 * same topology as {@code ./run-local.sh}.
 */
class LocalStackIT {

    @TempDir
    static Path dataDirectory;

    private static LocalStack stack;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        StackPorts ports = new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next());
        stack = new LocalStack(dataDirectory, Path.of(System.getProperty("aiact.services.dir", "target/services")), ports)
                // sweeps only when the test asks, so that it can kill the notifier in the middle of one
                .withNotifierArguments("--tracker.notifier.sweep-initial-delay=PT1H", "--tracker.notifier.sweep-interval=PT1H",
                        "--tracker.notifier.dispatch-interval=PT1S")
                .start();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void aRegisteredSystemReachesTheQueryServiceAndTheNotifier() throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                .header("Content-Type", "application/json").header("X-Actor", "it-test")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"organisation":"Ministerie van Financiën","name":"Fraudesignalering","description":"Flags returns for review",
                         "initialPhase":"IN_USE"}"""))
                .build(), HttpResponse.BodyHandlers.ofString());
        long registeredAt = System.nanoTime();
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/systems/" + id);

        JsonNode system = await(stack.queryServiceUrl() + "/api/systems/" + id, body -> body.has("id"));
        long visibleAfterMillis = Duration.ofNanos(System.nanoTime() - registeredAt).toMillis();
        System.out.println("Registered system visible on the query service after " + visibleAfterMillis + " ms");
        assertThat(system.get("organisation").asString()).isEqualTo("Ministerie van Financiën");
        assertThat(system.get("phase").asString()).isEqualTo("IN_USE");

        JsonNode list = await(stack.queryServiceUrl() + "/api/systems?organisation=Ministerie%20van%20Financi%C3%ABn", body -> body.size() == 1);
        assertThat(list.get(0).get("id").asString()).isEqualTo(id);

        JsonNode seen = await(stack.notifierUrl() + "/api/seen-events?systemId=" + id, body -> body.size() == 1);
        assertThat(seen.get(0).get("type").asString()).isEqualTo("AiSystemRegistered");
        assertThat(seen.get(0).get("organisation").asString()).isEqualTo("Ministerie van Financiën");
    }

    @Test
    void theDemoInventoryIsAcceptedOnceAndShowsUpInTheQueryService() throws Exception {
        DemoData.loadOnce(stack.commandServiceUrl(), dataDirectory);   // the first test to run loads it; the others find it loaded
        assertThat(dataDirectory.resolve("demo-data-loaded")).exists();
        assertThat(DemoData.loadOnce(stack.commandServiceUrl(), dataDirectory)).isZero();
        JsonNode prohibited = await(stack.queryServiceUrl() + "/api/systems?riskClass=PROHIBITED",
                body -> body.size() == 1 && body.get(0).get("phase").asString().equals("ENDED"));
        assertThat(prohibited.get(0).get("phase").asString()).isEqualTo("ENDED");
        String id = prohibited.get(0).get("id").asString();
        JsonNode history = await(stack.queryServiceUrl() + "/api/systems/" + id + "/history", body -> body.size() == 3);
        assertThat(history.get(2).get("metadata").get("actor").asString()).isEqualTo("demo-data");
    }

    @Test
    void rulebookVersionsInForceAreRecordedAsEventsAndTheDemoSystemsGetTheirObligations() throws Exception {
        DemoData.loadOnce(stack.commandServiceUrl(), dataDirectory);
        LocalDate today = LocalDate.now();
        JsonNode versions = await(stack.queryServiceUrl() + "/api/rulebooks", body -> body.valueStream()
                .filter(v -> !LocalDate.parse(v.get("inForceFrom").asString()).isAfter(today))
                .allMatch(v -> v.get("applied").isObject()));
        assertThat(versions.findValuesAsString("id")).contains("ai-act-2024", "ai-act-2026-omnibus", "nl-national-commitments");
        assertThat(versions.get(0).get("applied").get("actor").asString()).isEqualTo("query-service");

        JsonNode duo = await(stack.queryServiceUrl() + "/api/systems?riskClass=HIGH&organisation=Dienst%20Uitvoering%20Onderwijs",
                body -> body.size() == 1);
        String id = duo.get(0).get("id").asString();
        JsonNode obligations = await(stack.queryServiceUrl() + "/api/systems/" + id + "/obligations",
                body -> body.findValuesAsString("code").contains("ART26-DEPLOYER-DUTIES"));
        JsonNode deployer = obligations.valueStream().filter(o -> o.get("code").asString().equals("ART26-DEPLOYER-DUTIES")).findFirst()
                .orElseThrow();
        assertThat(deployer.get("dueDate").asString()).as("Art 111(2): in use by a public authority since 2019").isEqualTo("2030-08-02");
        HttpResponse<String> unknownThen = http.send(HttpRequest.newBuilder(
                URI.create(stack.queryServiceUrl() + "/api/systems/" + id + "/obligations?asOf=2026-06-01")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownThen.statusCode()).as("recorded today, so unknown on an earlier date").isEqualTo(404);
        JsonNode stored = await(stack.queryServiceUrl() + "/api/obligations?systemId=" + id, body -> body.size() == obligations.size());
        assertThat(stored.findValuesAsString("code")).containsExactlyInAnyOrderElementsOf(obligations.findValuesAsString("code"));
    }

    @Test
    void alertsReachMailWebhookAndTopicAndASigkillDuringASweepLosesAndDoublesNothing() throws Exception {
        DemoData.loadOnce(stack.commandServiceUrl(), dataDirectory);
        DemoData.configureRecipients(stack.notifierUrl(), stack.webhookUrl());
        // The notifier learns every demo system's obligations from the query service's feed; wait until what it would send is stable.
        Set<String> expected = new TreeSet<>();
        int stableFor = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (stableFor < 4) {
            assertThat(System.nanoTime()).as("the notifier's preview settles").isLessThan(deadline);
            Set<String> keys = new TreeSet<>(await(stack.notifierUrl() + "/api/alerts/preview", body -> true).get("wouldCreate")
                    .findValuesAsString("key"));
            stableFor = !keys.isEmpty() && keys.equals(expected) ? stableFor + 1 : 0;
            expected = keys;
            Thread.sleep(1000);
        }
        assertThat(expected).anyMatch(key -> key.contains("ART4-LITERACY"));

        // SIGKILL while a sweep request is in flight, start again, sweep again.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> sweep = http.sendAsync(HttpRequest.newBuilder(
                URI.create(stack.notifierUrl() + "/api/admin/sweeps")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(15);
        stack.crashAndRestartNotifier();
        // The interrupted request either failed with the process or finished just before it: either way the sweep is retried below.
        sweep.handle((response, failure) -> response).get(30, java.util.concurrent.TimeUnit.SECONDS);
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/api/admin/sweeps"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        http.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/api/admin/sweeps")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        Set<String> expectedKeys = expected;
        JsonNode stored = await(stack.notifierUrl() + "/api/alerts?limit=1000", body -> body.size() >= expectedKeys.size());
        List<String> storedKeys = stored.valueStream().map(a -> a.get("alert").get("key").asString()).toList();
        assertThat(storedKeys).as("no alert lost, none doubled").doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        // Every alert delivered on every channel: Kafka (as a reader sees it: one per id), the signed webhook, and mail.
        await(stack.notifierUrl() + "/api/alerts?limit=1000", body -> body.valueStream().allMatch(a -> a.get("deliveries").valueStream()
                .allMatch(d -> d.get("status").asString().equals("SENT"))));
        try (TestTopicReader alerts = new TestTopicReader(stack.kafkaBootstrapServers(), AlertsTopicLog.TOPIC)) {
            List<String> ids = alerts.awaitRecords(read -> read.stream().map(r -> r.key()).distinct().count() >= expectedKeys.size(),
                    Duration.ofSeconds(60)).stream().map(r -> json.readTree(r.value()).get("id").asString()).distinct().toList();
            assertThat(ids).containsExactlyInAnyOrderElementsOf(expected);
        }
        assertThat(stack.webhookAlertsVerified()).isGreaterThanOrEqualTo(expected.size());
        assertThat(stack.mailsReceived()).isGreaterThanOrEqualTo(expected.size());
        Path mailLog = dataDirectory.resolve("logs/mail.log");
        long logDeadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!(java.nio.file.Files.exists(mailLog) && java.nio.file.Files.readString(mailLog).contains("Art. 4"))
                && System.nanoTime() < logDeadline) {
            Thread.sleep(200);
        }
        assertThat(java.nio.file.Files.readString(mailLog)).contains("Subject: ").contains("Art. 4");
    }

    @Test
    void theQueryServiceKilledDuringCatchUpResumesWithoutLostOrDoubledRows() throws Exception {
        String organisation = "Catch-up " + java.util.UUID.randomUUID();
        int systems = 120;
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(8);
        List<java.util.concurrent.Future<Integer>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < systems; i++) {
            String body = "{\"organisation\":\"" + organisation + "\",\"name\":\"System " + i + "\",\"initialPhase\":\"IN_USE\"}";
            sent.add(clients.submit(() -> {
                HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                        .header("Content-Type", "application/json").header("X-Actor", "it-test")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                String id = json.readTree(created.body()).get("id").asString();
                return http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems/" + id + "/classification"))
                        .header("Content-Type", "application/json").header("X-Actor", "it-test")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"riskClass\":\"MINIMAL\",\"rationale\":\"Sorting only\"}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode();
            }));
        }
        for (java.util.concurrent.Future<Integer> classification : sent) {
            assertThat(classification.get(60, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
        }
        clients.shutdown();
        // The query service is still reading those 240 events when it is killed.
        stack.crashAndRestartQueryService();

        String encoded = organisation.replace(" ", "%20");
        JsonNode all = await(stack.queryServiceUrl() + "/api/systems?limit=1000&organisation=" + encoded,
                body -> body.size() == systems && body.valueStream().allMatch(s -> s.get("riskClass").asString().equals("MINIMAL")));
        assertThat(all.findValuesAsString("id")).doesNotHaveDuplicates();
        JsonNode history = await(stack.queryServiceUrl() + "/api/history?limit=10000&organisation=" + encoded,
                body -> body.size() >= 2 * systems);
        assertThat(history).hasSize(2 * systems);
        assertThat(history.findValuesAsString("eventId")).doesNotHaveDuplicates();
        JsonNode obligations = await(stack.queryServiceUrl() + "/api/obligations?limit=10000&organisation=" + encoded,
                body -> body.valueStream().map(o -> o.get("systemId").asString()).distinct().count() == systems);
        assertThat(obligations.valueStream().map(o -> o.get("systemId").asString() + "/" + o.get("code").asString()).toList())
                .doesNotHaveDuplicates();
    }

    @Test
    void anInvalidRegistrationIsRefusedWithAProblemDetail() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                .header("Content-Type", "application/json").header("X-Actor", "it-test")
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"UWV\",\"name\":\"\",\"initialPhase\":\"IN_USE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    private static JsonNode await(String url, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode body = json.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("No satisfying answer from " + url + " within 60 s; last: " + last);
    }
}
