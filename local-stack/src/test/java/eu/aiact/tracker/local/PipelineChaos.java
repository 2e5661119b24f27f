package eu.aiact.tracker.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 15's chaos test of the whole pipeline, on the running stack (three service JVMs, security on): for every text field of every
 * command, NUL, other C0 controls, unpaired surrogates and one character beyond the maximum are refused with a 400 naming the field,
 * while right-to-left overrides, 4-byte emoji and the maximum length are stored as sent; poison records are written straight to the events
 * and obligations topics (truncated JSON, an unknown type, a payload the database refuses, a valid envelope of an unknown system, an
 * envelope without recordedAt, a raw NUL); and all the while valid commands of another organisation keep flowing: each is visible on the
 * query service and in the notifier within {@link #VISIBLE_WITHIN}, every poison record is a dead letter with its reason, and nothing
 * valid is lost or doubled.
 */
final class PipelineChaos {

    static final Duration VISIBLE_WITHIN = Duration.parse(System.getProperty("aiact.chaos.visible-within", "PT2S"));
    private static final String FLOW_ORGANISATION = "Gemeente Utrecht";
    private static final String FLOW_USER = "registrar-utrecht";
    private static final String CHAOS_ORGANISATION = "Belastingdienst";
    private static final String CHAOS_USER = "registrar-belastingdienst";
    private static final String ADMIN = "admin";

    private final LocalStack stack;
    private final HttpClient http = HttpClient.newHttpClient();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String marker = UUID.randomUUID().toString().substring(0, 8);
    /** Signs as the stack's command service does: what the consumers refuse is then the poison envelope's content. */
    private final eu.aiact.tracker.api.envelope.EnvelopeSigner signer;

    PipelineChaos(LocalStack stack) throws java.io.IOException {
        this.stack = stack;
        this.signer = stack.envelopeSigner();
    }

    /** One text field: where it goes, its most characters, and whether a value of the caller's choosing may be accepted at all. */
    private record Field(String name, int max, boolean anyTextAccepted, Sender sender, String storedAs) {
    }

    @FunctionalInterface
    private interface Sender {
        /** Sends the command with {@code escaped} (a JSON string literal, quotes included) as the field's value, on system {@code id}. */
        HttpResponse<String> send(String id, String escaped) throws Exception;
    }

    /** An accepted value, to be found in the system's history on the query service. */
    private record Expected(String systemId, String storedAs, String value) {
    }

    void run() throws Exception {
        Flow flow = new Flow();
        Thread flowing = new Thread(flow, "chaos-flow");
        flowing.start();
        List<Expected> accepted;
        try {
            flow.atLeast(5);
            flow.phase = "text fields";
            accepted = everyTextFieldOfEveryCommand();
            flow.phase = "poison records";
            poisonRecordsStraightToTheTopics();
            flow.phase = "after";
            flow.atLeast(flow.ids.size() + 5);
        } finally {
            flow.stop = true;
            flowing.join(TimeUnit.MINUTES.toMillis(2));
        }
        for (Expected expected : accepted) {
            await(stack.queryServiceUrl() + "/api/systems/" + expected.systemId() + "/history?limit=10000", CHAOS_USER,
                    body -> body.valueStream().anyMatch(e -> expected.value().equals(stored(e, expected.storedAs()))));
        }
        flow.assertEachVisibleOnceWithin(VISIBLE_WITHIN);
    }

    // ------------------------------------------------------------------------------------------------------------- text fields

    private List<Expected> everyTextFieldOfEveryCommand() throws Exception {
        String base = register("{\"organisation\":\"" + CHAOS_ORGANISATION + "\",\"name\":\"Chaos base " + marker + "\",\"initialPhase\":\"IN_USE\"}");
        String c = stack.commandServiceUrl() + "/api/systems/";
        List<Field> fields = List.of(
                new Field("organisation", 200, false, (id, v) -> post(c.substring(0, c.length() - 1),
                        "{\"organisation\":" + v + ",\"name\":\"x\",\"initialPhase\":\"IN_USE\"}"), null),
                registration("name", 200), registration("description", 2000), registration("purpose", 200),
                registration("supplier", 200), registration("model", 200),
                new Field("reason", 1000, true, (id, v) -> post(c.substring(0, c.length() - 1), "{\"organisation\":\"" + CHAOS_ORGANISATION
                        + "\",\"name\":\"Chaos reason " + marker + "\",\"initialPhase\":\"IN_USE\",\"reason\":" + v + "}"), "metadata.reason"),
                new Field("rationale", 5000, true, (id, v) -> post(c + base + "/classification",
                        "{\"riskClass\":\"MINIMAL\",\"rationale\":" + v + "}"), "payload.rationale"),
                new Field("bases[0].reference", 200, false, (id, v) -> post(c + base + "/classification",
                        "{\"riskClass\":\"HIGH\",\"bases\":[{\"kind\":\"ANNEX_III_AREA\",\"reference\":" + v + "}],\"rationale\":\"x\"}"), null),
                new Field("description", 2000, true, (id, v) -> post(c + base + "/modifications", "{\"description\":" + v + "}"),
                        "payload.description"),
                new Field("assessmentId", 100, true, (id, v) -> post(c + base + "/assessments",
                        "{\"assessmentId\":" + v + ",\"type\":\"DPIA\",\"status\":\"PLANNED\"}"), "payload.assessmentId"),
                new Field("name", 200, true, (id, v) -> post(c + base + "/assessments",
                        "{\"type\":\"OTHER\",\"name\":" + v + ",\"status\":\"DONE\"}"), "payload.name"),
                new Field("reference", 500, true, (id, v) -> post(c + base + "/assessments",
                        "{\"type\":\"DPIA\",\"status\":\"DONE\",\"reference\":" + v + "}"), "payload.reference"),
                new Field("registerId", 200, true, (id, v) -> post(c + base + "/registrations",
                        "{\"register\":\"EU_DATABASE\",\"registerId\":" + v + "}"), "payload.registerId"),
                new Field("obligationCode", 100, false, (id, v) -> post(c + base + "/evidence",
                        "{\"obligationCode\":" + v + ",\"kind\":\"FULFILLED\",\"statement\":\"x\"}"), null),
                new Field("statement", 5000, true, (id, v) -> post(c + base + "/evidence",
                        "{\"obligationCode\":\"ART26-DEPLOYER-DUTIES\",\"kind\":\"FULFILLED\",\"statement\":" + v + "}"), "payload.statement"),
                new Field("reference", 500, true, (id, v) -> post(c + base + "/evidence",
                        "{\"obligationCode\":\"ART26-DEPLOYER-DUTIES\",\"kind\":\"FULFILLED\",\"statement\":\"x\",\"reference\":" + v + "}"),
                        "payload.reference"),
                new Field("value", 2000, true, (id, v) -> post(c + base + "/corrections",
                        "{\"fact\":\"SUPPLIER\",\"value\":" + v + ",\"rationale\":\"chaos\"}"), "payload.correctedValue"),
                new Field("rationale", 2000, true, (id, v) -> post(c + base + "/corrections",
                        "{\"fact\":\"MODEL\",\"value\":\"m-" + UUID.randomUUID() + "\",\"rationale\":" + v + "}"), "payload.rationale"),
                new Field("reason", 1000, true, (id, v) -> {
                    HttpResponse<String> paused = post(c + base + "/pause", "{\"reason\":" + v + "}");
                    if (paused.statusCode() == 200) {
                        assertThat(post(c + base + "/resume", "{}").statusCode()).isEqualTo(200);
                    }
                    return paused;
                }, "payload.reason"),
                new Field("explanation", 2000, true, (id, v) -> post(c + id + "/end", "{\"endReason\":\"OTHER\",\"explanation\":" + v + "}"),
                        "payload.explanation"));

        List<String> refused = List.of("a\u0000b", "\u0000", "bell\u0007", "esc\u001B[2J", "del\u007F", "lone \uD800 high", "lone \uDC00 low");
        List<Expected> accepted = new ArrayList<>();
        int checked = 0;
        for (Field field : fields) {
            String target = field.name().equals("explanation") ? null : base;
            for (String value : refused) {
                expectRefused(field, field.sender().send(target == null ? newSystem() : target, escape(value)), value);
                checked++;
            }
            String beyond = field.name().equals("obligationCode") ? "A".repeat(field.max() + 1) : "é".repeat(field.max() + 1);
            expectRefused(field, field.sender().send(target == null ? newSystem() : target, escape(beyond)), "max + 1");
            checked++;
            if (!field.anyTextAccepted()) {
                continue;
            }
            List<String> fine = List.of("\u202Eexe.txt\u202C " + marker + " " + field.name(), "\uD83D\uDE00\uD83C\uDDF3\uD83C\uDDF1 " + marker
                    + " " + UUID.randomUUID().toString().substring(0, 6), longest(field));
            for (String value : fine) {
                String id = target == null ? newSystem() : target;
                HttpResponse<String> response = field.sender().send(id, escape(value));
                assertThat(response.statusCode()).as(field.name() + " = " + value.substring(0, Math.min(30, value.length())) + ": "
                        + response.body()).isBetween(200, 201);
                // a registration answers the new system's id; any other command is on the system it was sent to
                String systemId = response.statusCode() == 201 ? json.readTree(response.body()).get("id").asString() : id;
                accepted.add(new Expected(systemId, field.storedAs(), value));
                checked++;
            }
        }
        System.out.printf("Chaos: %d text-field commands checked, %d accepted values to find on the query service%n", checked,
                accepted.size());
        return accepted;
    }

    private Field registration(String name, int max) {
        return new Field(name, max, true, (id, v) -> post(stack.commandServiceUrl() + "/api/systems", "{\"organisation\":\""
                + CHAOS_ORGANISATION + "\",\"initialPhase\":\"IN_USE\"" + (name.equals("name") ? "" : ",\"name\":\"Chaos " + name + " "
                + marker + "\"") + ",\"" + name + "\":" + v + "}"), "payload." + name);
    }

    /** The longest value the field takes (unique per field: the history must show this one). */
    private String longest(Field field) {
        String unique = marker + UUID.randomUUID().toString().substring(0, 4);
        return unique + (field.name().equals("assessmentId") || field.name().equals("registerId") ? "x" : "é")
                .repeat(field.max() - unique.length());
    }

    private void expectRefused(Field field, HttpResponse<String> response, String what) {
        assertThat(response.statusCode()).as(field.name() + " with " + printable(what) + ": " + response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("detail").asString()).as(response.body()).isNotBlank();
        assertThat(problem.path("errors").findValuesAsString("field")).as(field.name() + " named: " + response.body())
                .anySatisfy(f -> assertThat(f).isEqualTo(field.name()));
    }

    private String newSystem() throws Exception {
        return register("{\"organisation\":\"" + CHAOS_ORGANISATION + "\",\"name\":\"Chaos to end " + UUID.randomUUID()
                + "\",\"initialPhase\":\"IN_USE\"}");
    }

    private String register(String body) throws Exception {
        HttpResponse<String> created = post(stack.commandServiceUrl() + "/api/systems", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asString();
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + stack.token(CHAOS_USER)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String stored(JsonNode event, String storedAs) {
        JsonNode node = event;
        for (String part : storedAs.split("\\.")) {
            node = node.path(part);
        }
        return node.isMissingNode() || node.isNull() ? null : node.asString();
    }

    // ------------------------------------------------------------------------------------------------------------- poison records

    private void poisonRecordsStraightToTheTopics() throws Exception {
        String now = Instant.now().toString();
        Map<String, String> events = new LinkedHashMap<>();
        String unknownSystem = UUID.randomUUID().toString();
        events.put("chaos-truncated-" + marker, "{\"eventId\":\"t-" + marker + "\",\"aggregateId\":\"x\",\"sequenceNumber\":0,\"type\":\"AiSy");
        events.put("chaos-unknown-type-" + marker, envelope("u-" + marker, UUID.randomUUID().toString(), 0, "SystemTeleported", now,
                "{\"to\":\"Mars\"}"));
        events.put("chaos-refused-" + marker, envelope("r-" + marker, UUID.randomUUID().toString(), 0, "AiSystemRegistered", now,
                "{\"systemId\":\"x\",\"organisation\":\"Belasting\\u0000dienst\",\"name\":\"Poison " + marker + "\",\"phase\":\"IN_USE\"}"));
        events.put("chaos-unknown-system-" + marker, envelope("s-" + marker, unknownSystem, 1, "SystemPutIntoService", now,
                "{\"systemId\":\"" + unknownSystem + "\",\"effectiveDate\":\"2024-01-01\",\"previousPhase\":\"EXPERIMENT\"}"));
        events.put("chaos-no-recorded-at-" + marker, envelope("n-" + marker, UUID.randomUUID().toString(), 0, "AiSystemRegistered", null,
                "{\"systemId\":\"x\",\"organisation\":\"" + CHAOS_ORGANISATION + "\",\"name\":\"Poison " + marker + "\",\"phase\":\"IN_USE\"}"));
        events.put("chaos-raw-nul-" + marker, "{\"eventId\":\"\u0000\"}");
        events.put("chaos-unsigned-" + marker, unsignedEnvelope("g-" + marker, UUID.randomUUID().toString(), 0, "AiSystemRegistered", now,
                "{\"systemId\":\"x\",\"organisation\":\"" + CHAOS_ORGANISATION + "\",\"name\":\"Poison " + marker + "\",\"phase\":\"IN_USE\"}"));
        Map<String, String> obligations = new LinkedHashMap<>();
        obligations.put("chaos-truncated-" + marker, "{\"type\":\"SystemObligations\",\"systemId\":");
        obligations.put("chaos-unknown-type-" + marker, "{\"type\":\"SystemTeleported\",\"systemId\":\"x\"}");
        obligations.put("chaos-refused-" + marker, "{\"type\":\"SystemObligations\",\"systemId\":\"chaos-" + marker
                + "\",\"organisation\":\"Belasting\\u0000dienst\",\"systemName\":\"Poison\",\"phase\":\"IN_USE\",\"paused\":false,"
                + "\"riskClass\":\"HIGH\",\"systemVersion\":0,\"evaluatedOn\":\"2026-12-01\",\"evaluatedAt\":\"" + now + "\",\"obligations\":[]}");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class, ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            for (Map.Entry<String, String> poison : events.entrySet()) {
                producer.send(new ProducerRecord<>("aiact.events", poison.getKey(), poison.getValue())).get(30, TimeUnit.SECONDS);
                Thread.sleep(200); // spread over the flow's commands
            }
            for (Map.Entry<String, String> poison : obligations.entrySet()) {
                producer.send(new ProducerRecord<>("aiact.obligations", poison.getKey(), poison.getValue())).get(30, TimeUnit.SECONDS);
                Thread.sleep(200);
            }
        }
        // every poison record is a dead letter of each consumer that read it, with its reason
        Map<String, String> projection = deadLetters(stack.queryServiceUrl() + "/api/admin/dead-letters", "ai-system-projection", 7);
        assertThat(projection.get("chaos-truncated-" + marker)).startsWith("Not an event envelope");
        assertThat(projection.get("chaos-unknown-type-" + marker)).startsWith("Unknown event type SystemTeleported");
        assertThat(projection.get("chaos-refused-" + marker)).startsWith("The database refused it (SQL state 22P05)");
        assertThat(projection.get("chaos-unknown-system-" + marker)).contains("which is not registered here");
        assertThat(projection.get("chaos-no-recorded-at-" + marker)).contains("has no recordedAt");
        assertThat(projection.get("chaos-raw-nul-" + marker)).startsWith("Not an event envelope");
        assertThat(projection.get("chaos-unsigned-" + marker)).contains("it is not signed");
        Map<String, String> intake = deadLetters(stack.notifierUrl() + "/api/admin/record-dead-letters", "notifier-intake", 6);
        assertThat(intake.get("chaos-refused-" + marker)).startsWith("The database refused it (SQL state 22021)");
        assertThat(intake.get("chaos-no-recorded-at-" + marker)).contains("has no recordedAt");
        assertThat(intake.get("chaos-unsigned-" + marker)).contains("it is not signed");
        assertThat(intake).containsKeys("chaos-truncated-" + marker, "chaos-unknown-type-" + marker, "chaos-raw-nul-" + marker);
        Map<String, String> feed = deadLetters(stack.notifierUrl() + "/api/admin/record-dead-letters", "notifier-obligations", 3);
        assertThat(feed.get("chaos-truncated-" + marker)).startsWith("Not an obligations feed message");
        assertThat(feed.get("chaos-unknown-type-" + marker)).startsWith("Not an obligations feed message");
        assertThat(feed.get("chaos-refused-" + marker)).startsWith("The database refused it (SQL state 22021)");
        // each dead letter is copied to <topic>.DLT, and the notifier mails the platform's administrators once per consumer and record
        platformMailed("query-service/ai-system-projection", stack.queryServiceUrl() + "/api/admin/dead-letters", "ai-system-projection");
        platformMailed("notifier/notifier-intake", stack.notifierUrl() + "/api/admin/record-dead-letters", "notifier-intake");
        platformMailed("notifier/notifier-obligations", stack.notifierUrl() + "/api/admin/record-dead-letters", "notifier-obligations");
        // and none of them became a system
        assertThat(await(stack.queryServiceUrl() + "/api/systems?organisation=" + encode(CHAOS_ORGANISATION) + "&limit=1000", CHAOS_USER,
                body -> true).valueStream().map(s -> s.path("name").asString())).noneMatch(name -> name.contains("Poison " + marker));
    }

    /**
     * A poison envelope, signed with the stack's own key as its command service would sign it: what is refused then is the envelope's
     * content, not its signature (an unsigned one is sent as well).
     */
    private String envelope(String eventId, String aggregateId, long sequence, String type, String recordedAt, String payload) {
        return eu.aiact.tracker.infra.TestSigningKeys.sign(unsignedEnvelope(eventId, aggregateId, sequence, type, recordedAt, payload),
                signer);
    }

    private String unsignedEnvelope(String eventId, String aggregateId, long sequence, String type, String recordedAt, String payload) {
        return "{\"eventId\":\"" + eventId + "\",\"aggregateId\":\"" + aggregateId + "\",\"sequenceNumber\":" + sequence
                + ",\"globalIndex\":-1,\"type\":\"" + type + "\"" + (recordedAt == null ? "" : ",\"recordedAt\":\"" + recordedAt + "\"")
                + ",\"metadata\":{\"actor\":\"chaos\"},\"payload\":" + payload + "}";
    }

    /** Each of this run's dead letters of the consumer is named in exactly one mail to the platform address (within 60 s). */
    private void platformMailed(String consumer, String url, String name) throws Exception {
        List<String> positions = await(url + "?consumer=" + name + "&limit=1000", ADMIN, body -> true).valueStream()
                .filter(l -> l.path("messageKey").asString("").endsWith(marker)).map(l -> l.get("position").asString()).toList();
        assertThat(positions).isNotEmpty();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> missing = positions;
        while (!missing.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            List<String> mails = stack.mailBodiesTo(LocalStack.PLATFORM_ADDRESS);
            missing = positions.stream().filter(position -> mails.stream().noneMatch(body -> names(body, consumer, position))).toList();
        }
        assertThat(missing).as("dead letters of %s without a mail to the platform address", consumer).isEmpty();
        List<String> mails = stack.mailBodiesTo(LocalStack.PLATFORM_ADDRESS);
        for (String position : positions) {
            assertThat(mails.stream().filter(body -> names(body, consumer, position))).as("mails naming %s at %s", consumer, position)
                    .hasSize(1);
        }
    }

    private static boolean names(String body, String consumer, String position) {
        return body.contains("The consumer " + consumer + " could not process the record at " + position + " ");
    }

    /** The reasons of this run's dead letters of the consumer, by record key, once there are {@code count} of them. */
    private Map<String, String> deadLetters(String url, String consumer, int count) throws Exception {
        JsonNode letters = await(url + "?consumer=" + consumer + "&limit=1000", ADMIN, body -> body.valueStream()
                .filter(l -> l.path("messageKey").asString("").endsWith(marker)).count() >= count);
        Map<String, String> reasons = new LinkedHashMap<>();
        letters.valueStream().filter(l -> l.path("messageKey").asString("").endsWith(marker))
                .forEach(l -> reasons.put(l.get("messageKey").asString(), l.get("reason").asString()));
        assertThat(reasons).hasSize(count);
        assertThat(letters.valueStream().filter(l -> l.path("messageKey").asString("").endsWith(marker)))
                .allSatisfy(l -> assertThat(l.get("position").asString()).matches(".+-\\d+@\\d+"));
        return reasons;
    }

    // ------------------------------------------------------------------------------------------------------------- the flow

    /** Valid commands of another organisation, one after the other, each timed until the query service and the notifier show it. */
    private final class Flow implements Runnable {

        volatile boolean stop;
        volatile String phase = "before";
        final List<String> samples = new CopyOnWriteArrayList<>();
        final List<String> ids = new CopyOnWriteArrayList<>();
        final List<Long> queryMillis = new CopyOnWriteArrayList<>();
        final List<Long> notifierMillis = new CopyOnWriteArrayList<>();
        final List<String> failures = new CopyOnWriteArrayList<>();

        @Override
        public void run() {
            int n = 0;
            while (!stop || ids.size() < 20) {
                try {
                    String name = "Flow " + marker + " " + (n++);
                    HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/api/systems"))
                            .header("Content-Type", "application/json").header("Authorization", "Bearer " + stack.token(FLOW_USER))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"organisation\":\"" + FLOW_ORGANISATION + "\",\"name\":\"" + name
                                    + "\",\"initialPhase\":\"IN_USE\"}")).build(), HttpResponse.BodyHandlers.ofString());
                    long sent = System.nanoTime();
                    if (created.statusCode() != 201) {
                        failures.add(name + ": " + created.statusCode() + " " + created.body());
                        continue;
                    }
                    String id = json.readTree(created.body()).get("id").asString();
                    ids.add(id);
                    String during = phase;
                    long query = visibleAfter(stack.queryServiceUrl() + "/api/systems/" + id, FLOW_USER, sent, body -> body.has("id"));
                    long notifier = visibleAfter(stack.notifierUrl() + "/api/seen-events?systemId=" + id, ADMIN, sent,
                            body -> body.size() > 0);
                    queryMillis.add(query);
                    notifierMillis.add(notifier);
                    samples.add(during + ": " + query + "/" + notifier);
                } catch (Exception e) {
                    failures.add(e.toString());
                }
                if (n > 500) {
                    break;
                }
            }
        }

        private long visibleAfter(String url, String user, long sent, Predicate<JsonNode> visible) throws Exception {
            long deadline = sent + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer "
                        + stack.token(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && visible.test(json.readTree(response.body()))) {
                    return Duration.ofNanos(System.nanoTime() - sent).toMillis();
                }
                Thread.sleep(20);
            }
            return Long.MAX_VALUE;
        }

        void atLeast(int count) throws InterruptedException {
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (ids.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
        }

        void assertEachVisibleOnceWithin(Duration within) throws Exception {
            System.out.printf("Chaos: %d valid commands of %s while the poison went in; visible on the query service after max %d ms "
                    + "(median %d), in the notifier after max %d ms (median %d)%n", ids.size(), FLOW_ORGANISATION, max(queryMillis),
                    median(queryMillis), max(notifierMillis), median(notifierMillis));
            System.out.println("Chaos: visible after (query/notifier ms): " + samples);
            assertThat(failures).isEmpty();
            assertThat(ids).hasSizeGreaterThanOrEqualTo(20);
            assertThat(queryMillis).as("each visible on the query service within " + within).allMatch(ms -> ms <= within.toMillis());
            assertThat(notifierMillis).as("each visible in the notifier within " + within).allMatch(ms -> ms <= within.toMillis());
            // nothing lost or doubled: each system once on the query service, with one event, and seen once by the notifier
            JsonNode listed = await(stack.queryServiceUrl() + "/api/systems?organisation=" + encode(FLOW_ORGANISATION) + "&limit=1000",
                    FLOW_USER, body -> true);
            List<String> mine = listed.valueStream().filter(s -> s.path("name").asString().startsWith("Flow " + marker + " "))
                    .map(s -> s.get("id").asString()).toList();
            assertThat(mine).containsExactlyInAnyOrderElementsOf(ids);
            for (String id : ids) {
                assertThat(await(stack.queryServiceUrl() + "/api/systems/" + id + "/history", FLOW_USER, body -> true)).hasSize(1);
                assertThat(await(stack.notifierUrl() + "/api/seen-events?systemId=" + id, ADMIN, body -> true)).hasSize(1);
            }
        }
    }

    private JsonNode await(String url, String user, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer "
                    + stack.token(user)).GET().build(), HttpResponse.BodyHandlers.ofString());
            last = response.statusCode() + " " + response.body();
            if (response.statusCode() == 200) {
                JsonNode body = json.readTree(response.body());
                if (done.test(body)) {
                    return body;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No satisfying answer from " + url + " within 60 s; last: "
                + (last == null ? null : last.substring(0, Math.min(2000, last.length()))));
    }

    /** The text as a JSON string literal, every character outside printable ASCII escaped (unpaired surrogates included). */
    static String escape(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c >= 0x7F) {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    private static String printable(String text) {
        return escape(text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(-1);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }
}
