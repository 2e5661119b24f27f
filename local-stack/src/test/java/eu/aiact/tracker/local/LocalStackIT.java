package eu.aiact.tracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    private static final int SYNTHETIC = 200;
    /** The organisation whose alerts the notifier test follows (a hand-written demo one: a high-risk system, paused, in use since 2019). */
    private static final String ALERTED = "Dienst%20Uitvoering%20Onderwijs";
    private static final String READER = "auditor-rekenkamer";
    private static LocalStack stack;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();

    @BeforeAll
    static void start() throws Exception {
        StackPorts ports = new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next());
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
                .header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
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
        loadDemo();
        assertThat(DemoData.loadOnce(stack.commandServiceUrl(), dataDirectory, SYNTHETIC, stack.token(DemoData.LOADER))).isZero();
        JsonNode prohibited = await(stack.queryServiceUrl()
                + "/api/systems?riskClass=PROHIBITED&organisation=Ministerie%20van%20Binnenlandse%20Zaken",
                body -> body.size() == 1 && body.get(0).get("phase").asString().equals("ENDED"));
        assertThat(prohibited.get(0).get("phase").asString()).isEqualTo("ENDED");
        String id = prohibited.get(0).get("id").asString();
        JsonNode history = await(stack.queryServiceUrl() + "/api/systems/" + id + "/history", body -> body.size() == 3);
        assertThat(history.get(2).get("metadata").get("actor").asString()).as("the token's subject").isEqualTo(DemoData.LOADER);
    }

    @Test
    void rulebookVersionsInForceAreRecordedAsEventsAndTheDemoSystemsGetTheirObligations() throws Exception {
        loadDemo();
        LocalDate today = LocalDate.now();
        JsonNode versions = await(stack.queryServiceUrl() + "/api/rulebooks", body -> body.valueStream()
                .filter(v -> !LocalDate.parse(v.get("inForceFrom").asString()).isAfter(today))
                .allMatch(v -> v.get("applied").isObject()));
        assertThat(versions.findValuesAsString("id")).contains("ai-act-2024", "ai-act-2026-omnibus", "nl-national-commitments");
        assertThat(versions.get(0).get("applied").get("actor").asString()).as("recorded by the command side itself")
                .isEqualTo("command-service");

        JsonNode duo = await(stack.queryServiceUrl() + "/api/systems?riskClass=HIGH&organisation=Dienst%20Uitvoering%20Onderwijs",
                body -> body.size() == 1);
        String id = duo.get(0).get("id").asString();
        JsonNode obligations = await(stack.queryServiceUrl() + "/api/systems/" + id + "/obligations",
                body -> body.findValuesAsString("code").contains("ART26-DEPLOYER-DUTIES"));
        JsonNode deployer = obligations.valueStream().filter(o -> o.get("code").asString().equals("ART26-DEPLOYER-DUTIES")).findFirst()
                .orElseThrow();
        assertThat(deployer.get("dueDate").asString()).as("Art 111(2): in use by a public authority since 2019").isEqualTo("2030-08-02");
        HttpResponse<String> unknownThen = http.send(HttpRequest.newBuilder(
                URI.create(stack.queryServiceUrl() + "/api/systems/" + id + "/obligations?asOf=2026-06-01")).header("Authorization", bearer(READER))
                .GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknownThen.statusCode()).as("recorded today, so unknown on an earlier date").isEqualTo(404);
        JsonNode stored = await(stack.queryServiceUrl() + "/api/obligations?systemId=" + id, body -> body.size() == obligations.size());
        assertThat(stored.findValuesAsString("code")).containsExactlyInAnyOrderElementsOf(obligations.findValuesAsString("code"));
    }

    @Test
    void alertsReachMailWebhookAndTopicAndASigkillDuringASweepLosesAndDoublesNothing() throws Exception {
        loadDemo();
        DemoData.configureRecipients(stack.notifierUrl(), stack.webhookUrl(), stack.token(DemoData.LOADER));
        // The notifier learns every demo system's obligations from the query service's feed; wait until what it would send is stable.
        Set<String> expected = new TreeSet<>();
        int stableFor = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (stableFor < 4) {
            assertThat(System.nanoTime()).as("the notifier's preview settles").isLessThan(deadline);
            Set<String> keys = new TreeSet<>(await(stack.notifierUrl() + "/api/alerts/preview?organisation=" + ALERTED, body -> true)
                    .get("wouldCreate").findValuesAsString("key"));
            stableFor = !keys.isEmpty() && keys.equals(expected) ? stableFor + 1 : 0;
            expected = keys;
            Thread.sleep(1000);
        }
        assertThat(expected).anyMatch(key -> key.contains("ART4-LITERACY"));

        // SIGKILL while a sweep request is in flight, start again, sweep again.
        java.util.concurrent.CompletableFuture<HttpResponse<String>> sweep = http.sendAsync(HttpRequest.newBuilder(
                URI.create(stack.notifierUrl() + "/api/admin/sweeps")).header("Authorization", bearer("admin"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        Thread.sleep(15);
        stack.crashAndRestartNotifier();
        // The interrupted request either failed with the process or finished just before it: either way the sweep is retried below.
        sweep.handle((response, failure) -> response).get(30, java.util.concurrent.TimeUnit.SECONDS);
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/api/admin/sweeps"))
                .header("Authorization", bearer("admin")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(again.statusCode()).isEqualTo(200);
        http.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/api/admin/sweeps")).header("Authorization", bearer("admin"))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        Set<String> expectedKeys = expected;
        JsonNode stored = await(stack.notifierUrl() + "/api/alerts?limit=1000&organisation=" + ALERTED,
                body -> body.size() >= expectedKeys.size());
        List<String> storedKeys = stored.valueStream().map(a -> a.get("alert").get("key").asString()).toList();
        // The sweep's alerts are the preview's; notices that come with a message (deadlines moved, a lowered class) are stored as it arrives.
        assertThat(storedKeys).as("no alert lost, none doubled").doesNotHaveDuplicates();
        assertThat(storedKeys.stream().filter(key -> !key.contains("|DEADLINES-MOVED:") && !key.contains("|CLASSIFICATION-LOWERED:")))
                .containsExactlyInAnyOrderElementsOf(expected);
        // Every alert delivered on every channel: Kafka (as a reader sees it: one per id), the signed webhook, and mail. The dispatcher
        // sends every organisation's deliveries one after the other: on a loaded machine that takes minutes.
        await(stack.notifierUrl() + "/api/alerts?limit=1000&organisation=" + ALERTED, body -> body.valueStream()
                .allMatch(a -> a.get("deliveries").valueStream().allMatch(d -> d.get("status").asString().equals("SENT"))),
                Duration.ofMinutes(5));
        try (TestTopicReader alerts = new TestTopicReader(stack.kafkaBootstrapServers(), AlertsTopicLog.TOPIC)) {
            String prefix = "Dienst Uitvoering Onderwijs|";
            List<String> ids = alerts.awaitRecords(read -> read.stream().map(r -> r.key()).filter(k -> k.startsWith(prefix)).distinct()
                    .count() >= storedKeys.size(), Duration.ofSeconds(90)).stream().map(r -> json.readTree(r.value()).get("id").asString())
                    .filter(id -> id.startsWith(prefix)).distinct().toList();
            assertThat(ids).containsExactlyInAnyOrderElementsOf(storedKeys);
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

        // issue 17 -- one message per system and horizon: every alert of one system decided together for one horizon is in one mail
        JsonNode duo = await(stack.notifierUrl() + "/api/alerts?limit=1000&organisation=" + ALERTED, body -> body.size() > 0);
        Map<String, Set<String>> mailsPerHorizon = new HashMap<>();
        for (JsonNode entry : duo) {
            JsonNode alert = entry.get("alert");
            if (alert.get("systemId").isNull()) {
                continue;
            }
            String key = alert.get("key").asString();
            String group = alert.get("systemId").asString() + " " + key.substring(key.lastIndexOf('|') + 1) + " " + alert.get("decidedOn").asString();
            entry.get("deliveries").valueStream().filter(d -> d.get("channel").asString().equals("EMAIL"))
                    .forEach(d -> mailsPerHorizon.computeIfAbsent(group, g -> new TreeSet<>()).add(d.get("alertKey").asString()));
        }
        assertThat(mailsPerHorizon).isNotEmpty().allSatisfy((group, mails) -> assertThat(mails).as(group).hasSize(1));
        assertThat(duo.valueStream().filter(entry -> entry.get("alert").get("systemName").asString("").equals("Risicoprofiel studiefinanciering")))
                .as("the paused demo system is alerted, and said to be paused").isNotEmpty()
                .allSatisfy(entry -> assertThat(entry.get("alert").get("systemPaused").asBoolean()).isTrue());

        // the local mailbox log: one entry per distinct mail, in the order received (once the mails have stopped coming)
        for (int last = -1; last != stack.mailsReceived(); Thread.sleep(2500)) {
            last = stack.mailsReceived();
        }
        List<String> logged = java.nio.file.Files.readAllLines(mailLog).stream().filter(line -> line.startsWith("Message-ID: ")).toList();
        assertThat(logged).doesNotHaveDuplicates().hasSize(stack.mailsReceived());

        // nobody left unwarned: the local stack configures every organisation it knows, the walk-through's Gemeente Utrecht too; an
        // organisation without recipients shows in the coverage view, for the administrator and the CIO office of every organisation
        JsonNode coverage = await(stack.notifierUrl() + "/api/coverage", body -> true);
        assertThat(coverage.get("organisations").findValuesAsString("organisation")).contains("Gemeente Utrecht", "Dienst Uitvoering Onderwijs");
        assertThat(coverage.get("uncovered").valueStream().map(JsonNode::asString)).doesNotContain("Gemeente Utrecht",
                "Dienst Uitvoering Onderwijs");
        String unconfigured = "Stichting Zonder Ontvangers";
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                .header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"" + unconfigured + "\",\"name\":\"Chatbot\","
                        + "\"initialPhase\":\"IN_USE\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(201);
        JsonNode uncovered = await(stack.notifierUrl() + "/api/coverage", body -> body.get("uncovered").valueStream()
                .anyMatch(o -> o.asString().equals(unconfigured)));
        assertThat(uncovered.get("organisations").valueStream().filter(o -> o.get("organisation").asString().equals(unconfigured))
                .findFirst().orElseThrow().get("warnings").get(0).asString()).contains("No recipients configured");
        HttpResponse<String> asCio = http.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + "/api/coverage"))
                .header("Authorization", bearer("cio-rijk")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json.readTree(asCio.body()).get("uncovered").valueStream().map(JsonNode::asString)).contains(unconfigured);

        // only the real day creates deliverable alerts: the README's time travel is a simulation, which suppresses nothing real
        long alertsBefore = await(stack.notifierUrl() + "/api/alerts?limit=1000&organisation=" + ALERTED, body -> true).size();
        int mailsBefore = stack.mailsReceived();
        LocalDate ahead = LocalDate.now(java.time.ZoneOffset.UTC).plusDays(400);
        assertThat(adminCall("PUT", "/api/admin/clock", "{\"date\":\"" + ahead + "\"}").statusCode()).isEqualTo(200);
        JsonNode simulated = json.readTree(adminCall("POST", "/api/admin/sweeps", null).body());
        assertThat(simulated.get("simulated").asBoolean()).isTrue();
        assertThat(simulated.get("createdCount").asLong()).isPositive();
        assertThat(adminCall("DELETE", "/api/admin/clock", null).statusCode()).isEqualTo(200);
        JsonNode preview = await(stack.notifierUrl() + "/api/alerts/preview?asOf=" + ahead + "&organisation=" + ALERTED, body -> true);
        List<String> simulatedDuo = simulated.get("created").valueStream().map(a -> a.get("key").asString())
                .filter(key -> key.startsWith("Dienst Uitvoering Onderwijs|")).toList();
        assertThat(preview.get("wouldCreate").findValuesAsString("key")).containsAll(simulatedDuo);
        assertThat(preview.get("alreadyStored").valueStream().map(JsonNode::asString)).doesNotContainAnyElementsOf(simulatedDuo);
        assertThat(await(stack.notifierUrl() + "/api/alerts?limit=1000&organisation=" + ALERTED, body -> true).size()).isEqualTo(alertsBefore);
        Thread.sleep(2000);
        assertThat(stack.mailsReceived()).as("a simulation sends no mail").isEqualTo(mailsBefore);
        long simulation = simulated.get("simulation").asLong();
        assertThat(adminCall("DELETE", "/api/admin/simulations/" + simulation, null).statusCode()).isEqualTo(204);

        // replay has no outbound effects. The three rulebook versions were applied before the demo systems existed (nothing moved then):
        // an administrator applies the omnibus's dates once more, now, as a version of its own, so that there is something that moved
        // (decided by the command service from the records as they are now) and notices of it (mail, webhook, topic)
        HttpResponse<String> reapplied = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl()
                + "/api/rulebooks/omnibus-check/applications")).header("Content-Type", "application/json").header("Authorization",
                bearer("admin")).POST(HttpRequest.BodyPublishers.ofString("""
                        {"title":"Omnibus dates applied again","legalSource":"LocalStackIT","inForceFrom":"2026-07-27"}""")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(reapplied.statusCode()).as(reapplied.body()).isEqualTo(201);
        JsonNode moved = await(stack.queryServiceUrl() + "/api/rulebooks/changes?versionId=omnibus-check", body -> body.size() > 0,
                Duration.ofMinutes(2));
        // the version's moved-deadlines notices reach the notifier organisation by organisation: wait until they have all arrived (none
        // new for 10 s, at least one) before taking the tables' state
        String notices = "SELECT alert_key FROM notifier.alert WHERE alert_key LIKE '%|DEADLINES-MOVED:omnibus-check' ORDER BY alert_key";
        List<String> noticed = rows(notices);
        long noticesBy = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        for (long settled = System.nanoTime() + Duration.ofSeconds(10).toNanos(); noticed.isEmpty() || System.nanoTime() < settled;
                Thread.sleep(500)) {
            assertThat(System.nanoTime()).as("the moved-deadlines notices settle").isLessThan(noticesBy);
            List<String> now = rows(notices);
            if (!now.equals(noticed)) {
                noticed = now;
                settled = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            }
        }
        // the query projection rebuilt twice, the notifier's intake replayed: the same obligation_change rows, and not one alert or
        // delivery more
        List<String> changesBefore = rows("SELECT concat_ws('|', id, version_id, event_id, system_id, code, old_due_date, new_due_date)"
                + " FROM query.obligation_change ORDER BY id");
        List<String> alertsRows = rows("SELECT alert_key FROM notifier.alert ORDER BY alert_key");
        List<String> deliveryRows = rows("SELECT alert_key || '|' || channel FROM notifier.delivery ORDER BY alert_key, channel");
        assertThat(rows("SELECT version_id FROM query.rulebook_application ORDER BY version_id")).contains("ai-act-2024",
                "ai-act-2026-omnibus", "nl-national-commitments");
        for (int rebuild = 0; rebuild < 2; rebuild++) {
            java.time.Instant asked = java.time.Instant.now();
            HttpResponse<String> started = http.send(HttpRequest.newBuilder(URI.create(stack.queryServiceUrl()
                    + "/api/admin/projections/systems/rebuild")).header("Authorization", bearer("admin"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(started.statusCode()).isEqualTo(202);
            await(stack.queryServiceUrl() + "/api/admin/projections/systems/rebuild", body -> !body.get("running").asBoolean()
                    && !body.get("finishedAt").isNull() && java.time.Instant.parse(body.get("finishedAt").asString()).isAfter(asked),
                    Duration.ofMinutes(5));
            assertThat(rows("SELECT concat_ws('|', id, version_id, event_id, system_id, code, old_due_date, new_due_date)"
                    + " FROM query.obligation_change ORDER BY id")).as("rebuild " + (rebuild + 1)).isEqualTo(changesBefore);
        }
        assertThat(adminCall("POST", "/api/admin/intake/replay", null).statusCode()).isEqualTo(202);
        Thread.sleep(10_000); // the rebuilt feed and the replayed intake reach the notifier
        assertThat(rows("SELECT alert_key FROM notifier.alert ORDER BY alert_key")).isEqualTo(alertsRows);
        assertThat(rows("SELECT alert_key || '|' || channel FROM notifier.delivery ORDER BY alert_key, channel")).isEqualTo(deliveryRows);
    }

    private static List<String> rows(String sql) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                java.sql.Statement s = c.createStatement(); java.sql.ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new java.util.ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static HttpResponse<String> adminCall(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.notifierUrl() + path)).header("Content-Type", "application/json")
                .header("Authorization", bearer("admin"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
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
                        .header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                String id = json.readTree(created.body()).get("id").asString();
                return http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems/" + id + "/classification"))
                        .header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
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

    /** The log is signed with the key the stack keeps; an auditor's checkpoint checks out with the audit tool over HTTP. */
    @Test
    void theLogsCheckpointsAreSignedWithTheStacksKeyAndTheAuditToolChecksThem() throws Exception {
        loadDemo();
        JsonNode latest = await(stack.commandServiceUrl() + "/api/audit/checkpoints/latest", body -> body.path("treeSize").asLong() > 0);
        Path checkpoint = dataDirectory.resolve("auditor").resolve("checkpoint.json");
        Files.createDirectories(checkpoint.getParent());
        Files.writeString(checkpoint, json.writeValueAsString(latest));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = eu.aiact.tracker.audit.VerifyBundle.run(new String[] {"verify", "--key", stack.signingPublicKeyFile().toString(),
                "--checkpoint", checkpoint.toString(), "--server", stack.commandServiceUrl(), "--token", stack.token(READER)},
                new PrintStream(out), new PrintStream(out));
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("CONSISTENT");
        JsonNode verified = await(stack.commandServiceUrl() + "/api/audit/chain/verify", body -> body.path("intact").asBoolean()
                && body.path("treeSize").asLong() >= latest.get("treeSize").asLong());
        assertThat(verified.get("checkpointsVerified").asLong()).isPositive();
    }

    /** Issue 15: bad text refused at the edge, poison records on every topic dead-lettered, valid commands flowing all the while. */
    @Test
    void noInputAndNoRecordStopsThePipelineForOthers() throws Exception {
        new PipelineChaos(stack).run();
    }

    @Test
    void anInvalidRegistrationIsRefusedWithAProblemDetail() throws Exception {
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                .header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"UWV\",\"name\":\"\",\"initialPhase\":\"IN_USE\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void theSyntheticInventoryShowsUpInThePortfolioAndTheOldDashboardRedirectsToTheWebApplication() throws Exception {
        loadDemo();
        List<SyntheticInventory.Synthetic> generated = SyntheticInventory.generate(SYNTHETIC);
        assertThat(generated.stream().map(SyntheticInventory.Synthetic::organisation).distinct().count()).isGreaterThan(5);
        assertThat(generated.stream().filter(g -> g.riskClass().equals("PROHIBITED")))
                .allSatisfy(g -> assertThat(g.lifecycle()).isNotEqualTo(SyntheticInventory.Lifecycle.IN_USE));
        for (String organisation : SyntheticInventory.ORGANISATIONS) {
            List<SyntheticInventory.Synthetic> own = generated.stream().filter(g -> g.organisation().equals(organisation)).toList();
            Map<String, Long> lifecycle = new HashMap<>();
            Map<String, Long> risk = new HashMap<>();
            for (SyntheticInventory.Lifecycle l : SyntheticInventory.Lifecycle.values()) {
                lifecycle.put(l.name(), own.stream().filter(g -> g.lifecycle() == l).count());
            }
            lifecycle.put("PAUSED", 0L); // the synthetic inventory pauses nothing
            for (String r : List.of("UNKNOWN", "MINIMAL", "LIMITED", "HIGH", "PROHIBITED")) {
                risk.put(r, own.stream().filter(g -> g.riskClass().equals(r)).count());
            }
            JsonNode portfolio = await(stack.queryServiceUrl() + "/api/portfolio?organisation=" + encode(organisation),
                    body -> body.get("systems").asLong() == own.size() && counts(body.get("byLifecycle")).equals(lifecycle));
            assertThat(counts(portfolio.get("byRiskClass"))).as(organisation).isEqualTo(risk);
        }
        // one UI: the query service's former dashboard pages send the browser to the web application (tested in module web)
        HttpResponse<String> page = get(stack.queryServiceUrl() + "/dashboard?organisation=Kadaster");
        assertThat(page.statusCode()).isEqualTo(301);
        assertThat(page.headers().firstValue("Location")).hasValue(stack.webUrl() + "/portfolio?organisation=Kadaster");
        String id = await(stack.queryServiceUrl() + "/api/systems?organisation=Kadaster&limit=1", body -> body.size() == 1)
                .get(0).get("id").asString();
        HttpResponse<String> system = get(stack.queryServiceUrl() + "/dashboard/systems/" + id);
        assertThat(system.statusCode()).isEqualTo(301);
        assertThat(system.headers().firstValue("Location")).hasValue(stack.webUrl() + "/systems/" + id);
    }

    @Test
    void theSampleInventoryIsImportedByTheCommandServiceOnce_andExportedAndInTheCalendar() throws Exception {
        String sample = new String(LocalStackIT.class.getResourceAsStream("/demo/inventory-sample.csv").readAllBytes(),
                StandardCharsets.UTF_8);
        HttpResponse<String> dryRun = importCsv("?dryRun=true", sample);
        assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
        assertThat(json.readTree(dryRun.body()).get("valid").asBoolean()).isTrue();
        assertThat(get(stack.queryServiceUrl() + "/api/portfolio?organisation=Rijkswaterstaat").statusCode())
                .as("no system of Rijkswaterstaat recorded yet: an organisation nobody recorded is a 404").isEqualTo(404);

        HttpResponse<String> notAllowed = importCsv("", sample, "cio-rws");
        assertThat(notAllowed.statusCode()).as("the file holds other organisations' systems than Rijkswaterstaat's").isEqualTo(403);
        assertThat(get(stack.queryServiceUrl() + "/api/portfolio?organisation=Rijkswaterstaat").statusCode())
                .as("no system of Rijkswaterstaat recorded yet: an organisation nobody recorded is a 404").isEqualTo(404);

        long started = System.nanoTime();
        HttpResponse<String> first = importCsv("", sample);
        System.out.println("Sample inventory (20 rows) imported in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode report = json.readTree(first.body());
        assertThat(report.get("systems").size()).isEqualTo(20);
        assertThat(report.get("commands").asInt()).isEqualTo(75);
        assertThat(report.get("replayed").asInt()).as("a first import: nothing was seen before").isZero();
        HttpResponse<String> second = importCsv("", sample);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
        JsonNode again = json.readTree(second.body());
        assertThat(again.get("replayed").asInt()).as("the same file again: every command answered as before")
                .isEqualTo(again.get("commands").asInt()).isEqualTo(report.get("commands").asInt());
        assertThat(again.get("systems").findValuesAsString("systemId"))
                .containsExactlyInAnyOrderElementsOf(report.get("systems").findValuesAsString("systemId"));

        JsonNode rws = await(stack.queryServiceUrl() + "/api/portfolio?organisation=Rijkswaterstaat",
                body -> body.get("systems").asLong() == 4 && body.get("byLifecycle").get("ENDED_EXPERIMENT").asLong() == 1
                        && body.get("registers").get("euDatabase").asLong() == 1);
        assertThat(counts(rws.get("byLifecycle"))).isEqualTo(Map.of("PLANNED", 0L, "EXPERIMENT", 0L, "IN_USE", 3L, "PAUSED", 0L,
                "ENDED_EXPERIMENT", 1L, "ENDED_AFTER_USE", 0L));
        assertThat(counts(rws.get("byRiskClass"))).isEqualTo(Map.of("UNKNOWN", 0L, "MINIMAL", 2L, "LIMITED", 1L, "HIGH", 1L,
                "PROHIBITED", 0L));
        JsonNode politie = await(stack.queryServiceUrl() + "/api/portfolio?organisation=Politie",
                body -> body.get("systems").asLong() == 4 && body.get("byLifecycle").get("ENDED_AFTER_USE").asLong() == 1);
        assertThat(politie.get("assessments").get("DPIA").get("DONE").asLong()).isEqualTo(3);
        JsonNode pp = await(stack.queryServiceUrl() + "/api/systems?organisation=Politie&phase=ENDED", body -> body.size() == 1);
        assertThat(pp.get(0).get("inServiceSince").asString()).isEqualTo("2019-01-01");
        assertThat(pp.get(0).get("endedOn").asString()).isEqualTo("2023-12-31");
        assertThat(pp.get(0).get("riskClass").asString()).isEqualTo("HIGH");

        JsonNode export = await(stack.queryServiceUrl() + "/api/exports/algoritmeregister?organisation=Rijkswaterstaat&format=json",
                body -> body.get("exported").size() + body.get("refused").size() == 4);
        assertThat(export.get("exported").findValuesAsString("name")).containsExactlyInAnyOrder("Scheurdetectie bruggen",
                "Verkeersincidentdetectie");
        assertThat(export.get("refused").findValuesAsString("name")).containsExactlyInAnyOrder("Chatbot vergunningen",
                "Waterstandvoorspelling");
        HttpResponse<String> csv = get(stack.queryServiceUrl() + "/api/exports/algoritmeregister?organisation=Rijkswaterstaat&format=csv");
        assertThat(csv.headers().firstValue("X-Refused-Count")).hasValue("2");
        assertThat(csv.body()).contains("Verkeersincidentdetectie").contains("In gebruik").contains("algoritmes@rws.example");

        await(stack.queryServiceUrl() + "/api/obligations?organisation=Rijkswaterstaat&status=NOT_YET_DUE", body -> body.size() > 0);
        HttpResponse<String> calendar = get(stack.queryServiceUrl() + "/api/organisations/Rijkswaterstaat/deadlines.ics");
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(calendar.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/calendar");
        assertThat(calendar.body()).startsWith("BEGIN:VCALENDAR\r\n").contains("BEGIN:VEVENT\r\n").contains("Verkeersincidentdetectie");
    }

    /**
     * Issue 19: profiles recorded through the command service (with past effective dates) get exactly the duties the Regulation imposes,
     * read from the query service as what is known now about a date under each rulebook version: 2026-06-01 (ai-act-2024) and
     * 2026-09-01 (ai-act-2026-omnibus).
     */
    @Test
    void legalProfilesRecordedThroughTheApiGetExactlyTheirDutiesUnderBothRulebookVersions() throws Exception {
        String run = java.util.UUID.randomUUID().toString().substring(0, 8);
        // a water board's Annex III point 2 system (critical infrastructure), planned, deployer, named by an alias of the point
        String waterBoard = record("Waterschap Profiel " + run, "Gemalensturing", "DEPLOYER", "PLANNED", "2025-03-01", false, """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"Annex III point 2"}],
                 "rationale":"Safety component in the management of the water supply","effectiveDate":"2025-03-01"}""");
        // an open-source general-purpose AI model of a ministry, on the market since 2025-10-01, without systemic risk
        String model = record("Ministerie Profiel " + run, "Open taalmodel", "PROVIDER", "IN_USE", "2025-10-01", true, """
                {"riskClass":"MINIMAL","gpai":"IS_GPAI_MODEL","gpaiOpenSource":true,"gpaiSystemicRisk":false,
                 "rationale":"A general-purpose model released under an open licence","effectiveDate":"2025-10-01"}""");
        // the provider of an Annex III system that documents it as not high-risk (Art 6(3)(d))
        String exempt = record("Gemeente Profiel " + run, "Dossiervoorbereiding", "PROVIDER", "PLANNED", "2025-03-01", false, """
                {"riskClass":"MINIMAL","bases":[{"kind":"ANNEX_III_AREA","reference":"III.4(a)"},
                 {"kind":"ART6_3_EXEMPTION","reference":"Art. 6(3)(d)"}],"rationale":"Only prepares a file that a person assesses",
                 "effectiveDate":"2025-03-01"}""");
        // a municipality that builds and uses its own Annex III 5(a) system: provider duties including Art 72 and Art 73
        String own = record("Gemeente Profiel " + run, "Bijstandsbeoordeling", "BOTH", "PLANNED", "2025-03-01", false, """
                {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],
                 "rationale":"Assesses eligibility for social assistance","effectiveDate":"2025-03-01"}""");

        Map<String, String> water2024 = duties(waterBoard, "2026-06-01", "ai-act-2024");
        assertThat(water2024).isEqualTo(Map.of("ART4-LITERACY", "2025-02-02", "ART26-DEPLOYER-DUTIES", "2026-08-02",
                "ART49-5-NATIONAL-REGISTRATION", "2026-08-02", "NL-ALGORITMEREGISTER-HIGH-RISK", "2025-12-31",
                "NL-RISK-ANALYSIS-HIGH-RISK", "2024-11-08"));
        Map<String, String> water2026 = duties(waterBoard, "2026-09-01", "ai-act-2026-omnibus");
        assertThat(water2026).isEqualTo(Map.of("ART4-LITERACY", "2025-02-02", "ART26-DEPLOYER-DUTIES", "2027-12-02",
                "ART49-5-NATIONAL-REGISTRATION", "2027-12-02", "NL-ALGORITMEREGISTER-HIGH-RISK", "2025-12-31",
                "NL-RISK-ANALYSIS-HIGH-RISK", "2024-11-08"));

        Map<String, String> open = Map.of("ART53-2-OPEN-SOURCE-MODEL", "2025-10-01", "ART54-AUTHORISED-REPRESENTATIVE", "2025-08-02");
        assertThat(duties(model, "2026-06-01", "ai-act-2024")).isEqualTo(open);
        assertThat(duties(model, "2026-09-01", "ai-act-2026-omnibus")).isEqualTo(open);

        assertThat(duties(exempt, "2026-06-01", "ai-act-2024")).isEqualTo(Map.of("ART4-LITERACY", "2025-02-02",
                "ART6-4-ASSESSMENT-DOCUMENTATION", "2026-08-02", "ART49-2-EXEMPT-REGISTRATION", "2026-08-02"));
        assertThat(duties(exempt, "2026-09-01", "ai-act-2026-omnibus")).isEqualTo(Map.of("ART4-LITERACY", "2025-02-02",
                "ART6-4-ASSESSMENT-DOCUMENTATION", "2027-12-02", "ART49-2-EXEMPT-REGISTRATION", "2027-12-02"));

        Set<String> highRisk = new TreeSet<>(List.of("ART4-LITERACY", "ART16-PROVIDER-DUTIES", "ART17-QUALITY-MANAGEMENT",
                "ART18-DOCUMENTATION-KEEPING", "ART19-LOGS", "ART20-CORRECTIVE-ACTION", "ART21-COOPERATION", "ART22-AUTHORISED-REPRESENTATIVE",
                "ART26-8-PROVIDER-REGISTERED", "ART26-DEPLOYER-DUTIES", "ART27-FRIA", "ART43-CONFORMITY-ASSESSMENT", "ART47-EU-DECLARATION",
                "ART48-CE-MARKING", "ART49-1-REGISTRATION", "ART49-3-REGISTRATION", "ART72-POST-MARKET-MONITORING", "ART73-SERIOUS-INCIDENTS",
                "ART86-EXPLANATION", "NL-ALGORITMEREGISTER-HIGH-RISK", "NL-RISK-ANALYSIS-HIGH-RISK"));
        Map<String, String> own2024 = duties(own, "2026-06-01", "ai-act-2024");
        Map<String, String> own2026 = duties(own, "2026-09-01", "ai-act-2026-omnibus");
        assertThat(own2024.keySet()).isEqualTo(highRisk);
        assertThat(own2026.keySet()).isEqualTo(highRisk);
        for (String code : List.of("ART72-POST-MARKET-MONITORING", "ART73-SERIOUS-INCIDENTS", "ART27-FRIA", "ART16-PROVIDER-DUTIES")) {
            assertThat(own2024.get(code)).as(code).isEqualTo("2026-08-02");
            assertThat(own2026.get(code)).as(code).isEqualTo("2027-12-02");
        }
    }

    /** Registers a system through the command service with a past effective date and classifies it; answers its id once queryable. */
    private static String record(String organisation, String name, String role, String phase, String since, boolean generative,
            String classification) throws Exception {
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                .header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
                .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"" + organisation + "\",\"name\":\"" + name
                        + "\",\"role\":\"" + role + "\",\"publicAuthority\":true,\"generativeAi\":" + generative
                        + ",\"initialPhase\":\"" + phase + "\",\"effectiveDate\":\"" + since + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asString();
        HttpResponse<String> classified = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems/" + id
                + "/classification")).header("Content-Type", "application/json").header("Authorization", bearer(DemoData.LOADER))
                .POST(HttpRequest.BodyPublishers.ofString(classification)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(classified.statusCode()).as(classified.body()).isEqualTo(200);
        await(stack.queryServiceUrl() + "/api/systems/" + id, body -> body.path("version").asLong() == 1);
        return id;
    }

    /** The obligations (code -> due date) the records known now give the system on {@code date}, under the rulebook expected then. */
    private static Map<String, String> duties(String id, String date, String rulebook) throws Exception {
        JsonNode asOf = await(stack.queryServiceUrl() + "/api/systems/" + id + "/as-of?date=" + date + "&knownAt="
                + java.time.Instant.now(), body -> body.has("obligations"));
        assertThat(asOf.get("rulebooks").valueStream().map(JsonNode::asString)).contains(rulebook);
        Map<String, String> duties = new java.util.TreeMap<>();
        for (JsonNode o : asOf.get("obligations")) {
            assertThat(duties.put(o.get("code").asString(), o.get("dueDate").asString())).as(o.get("code").asString()).isNull();
        }
        return duties;
    }

    private static HttpResponse<String> importCsv(String query, String csv) throws Exception {
        return importCsv(query, csv, DemoData.LOADER);
    }

    private static HttpResponse<String> importCsv(String query, String csv, String user) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/imports" + query))
                .header("Content-Type", "text/csv").header("Authorization", bearer(user))
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer(readerOf(url))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The court of audit reads everything; the platform's own endpoints (and the notifier's record of events) are the administrator's. */
    private static String readerOf(String url) {
        return url.contains("/api/admin/") || url.contains("/api/seen-events") || url.contains("/api/coverage") ? "admin" : READER;
    }

    private static String bearer(String user) {
        return "Bearer " + stack.token(user);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static Map<String, Long> counts(JsonNode object) {
        Map<String, Long> map = new HashMap<>();
        for (String name : object.propertyNames()) {
            map.put(name, object.get(name).asLong());
        }
        return map;
    }

    /** Loads the demo inventory (8 systems and the synthetic ones) once for the whole class, and says how long it took. */
    private static synchronized void loadDemo() throws Exception {
        long started = System.nanoTime();
        int loaded = DemoData.loadOnce(stack.commandServiceUrl(), dataDirectory, SYNTHETIC, stack.token(DemoData.LOADER));
        if (loaded > 0) {
            assertThat(loaded).isEqualTo(8 + SYNTHETIC);
            System.out.printf("Demo inventory of %d systems recorded through the command service in %d ms%n", loaded,
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        }
    }

    private static JsonNode await(String url, Predicate<JsonNode> done) throws Exception {
        return await(url, done, Duration.ofSeconds(60));
    }

    private static JsonNode await(String url, Predicate<JsonNode> done, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer(readerOf(url)))
                    .GET().build(),
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
        throw new AssertionError("No satisfying answer from " + url + " within " + timeout + "; last: " + last);
    }
}
