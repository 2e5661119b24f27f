package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.api.envelope.EnvelopeAuthenticity;
import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.infra.LocalKafka;
import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestSigningKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service against real PostgreSQL and a real Kafka broker: events stored as bytea without gaps, and a broker outage that delays publication but loses and doubles nothing;
 * every envelope on the topic signed with the command service's key.
 * The broker is a {@link LocalKafka} of this test's own, because the test stops it and starts it again at the same address.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EventStoreAndPublisherIT {

    private static final String SCHEMA = "command_it";
    private static final String TOPIC = "it-command-events";
    private static final LocalKafka kafka = startKafka();

    @Autowired
    private Environment environment;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private JsonMapper json;

    private final HttpClient http = HttpClient.newHttpClient();
    private EnvelopeCodec codec;

    @BeforeEach
    void codec() {
        codec = new EnvelopeCodec(json, EnvelopeAuthenticity.fromConfiguration(List.of(TestSigningKeys.publicKey()), false));
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        // PostgreSQL from the shared test infrastructure; Kafka of this test's own
        TestInfrastructure.get().springProperties(SCHEMA, kafka.bootstrapServers()).forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> TOPIC);
        registry.add("tracker.publisher.ack-timeout", () -> "5s");
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }

    @Test
    void eventsAreStoredAsByteaWithConsecutiveGlobalIndexes() throws Exception {
        for (int i = 0; i < 5; i++) {
            assertThat(register("Gemeente Utrecht", "Systeem " + i, "IN_USE").statusCode()).isEqualTo(201);
        }
        List<String> types = jdbc.queryForList("""
                SELECT data_type FROM information_schema.columns
                WHERE table_schema = ? AND table_name = 'domainevententry' AND column_name IN ('payload', 'metadata')""",
                String.class, SCHEMA);
        assertThat(types).containsExactly("bytea", "bytea");
        Map<String, Object> range = jdbc.queryForMap("SELECT min(globalindex) AS lo, max(globalindex) AS hi, count(*) AS n FROM domainevententry");
        long lo = ((Number) range.get("lo")).longValue();
        long hi = ((Number) range.get("hi")).longValue();
        assertThat(hi - lo + 1).isEqualTo(((Number) range.get("n")).longValue());
        String increment = jdbc.queryForObject(
                "SELECT seqcache::text FROM pg_sequence WHERE seqrelid = ?::regclass", String.class, SCHEMA + ".domainevententry_globalindex_seq");
        assertThat(increment).isEqualTo("1");
    }

    @Test
    void aKafkaOutageDelaysPublicationButEveryEventArrives() throws Exception {
        List<String> before = List.of(registerAndGetId("UWV", "Voor de storing"), registerAndGetId("UWV", "Ook voor de storing"));
        Map<String, Long> published = awaitPublished(eventIdsOf(before), Duration.ofSeconds(60));
        assertThat(published.values()).containsOnly(1L);

        kafka.close();
        List<String> during = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            during.add(registerAndGetId("UWV", "Tijdens de storing " + i));
        }
        Thread.sleep(3000);
        kafka.start();

        List<String> all = new ArrayList<>(before);
        all.addAll(during);
        Map<String, Long> afterOutage = awaitPublished(eventIdsOf(all), Duration.ofSeconds(120));
        assertThat(afterOutage).hasSize(7);
        // Publication is at least once: an event acknowledged in a batch whose position could not be stored (the broker went away
        // during the batch) is published again. Readers drop such copies by event id (see AiSystemProjectionIT, EventIntakeIT).
        assertThat(afterOutage.values()).as("every event published, a copy at most after the outage").allMatch(n -> n >= 1 && n <= 2);
    }

    private List<String> eventIdsOf(List<String> systemIds) {
        return systemIds.stream()
                .map(id -> jdbc.queryForObject("SELECT eventidentifier FROM domainevententry WHERE aggregateidentifier = ?", String.class, id))
                .toList();
    }

    /** Reads the whole topic with a fresh consumer group until every expected event id is there; returns how often each appeared. */
    private Map<String, Long> awaitPublished(List<String> eventIds, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<String> seen = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of(TOPIC));
            while (System.nanoTime() < deadline && !seen.containsAll(eventIds)) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    // read as every consumer reads: only an envelope signed with the command service's key is accepted
                    EventEnvelope envelope = codec.read(record.value());
                    assertThat(envelope.signature().keyId()).isEqualTo(TestSigningKeys.key().keyId());
                    assertThat(record.key()).isEqualTo(envelope.aggregateId());
                    seen.add(envelope.eventId());
                });
            }
            // one more poll, so that a duplicate right behind the last expected event would be seen too
            consumer.poll(Duration.ofSeconds(2)).forEach(record -> seen.add(json.readValue(record.value(), EventEnvelope.class).eventId()));
        }
        assertThat(seen).as("published event ids").containsAll(eventIds);
        return seen.stream().filter(eventIds::contains).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private String registerAndGetId(String organisation, String name) throws Exception {
        HttpResponse<String> response = register(organisation, name, "EXPERIMENT");
        assertThat(response.statusCode()).isEqualTo(201);
        return json.readTree(response.body()).get("id").asString();
    }

    private HttpResponse<String> register(String organisation, String name, String phase) throws IOException, InterruptedException {
        return post("{\"organisation\":\"%s\",\"name\":\"%s\",\"description\":\"test\",\"initialPhase\":\"%s\"}"
                .formatted(organisation, name, phase), "application/json");
    }

    private HttpResponse<String> post(String body, String contentType) throws IOException, InterruptedException {
        URI uri = URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + "/api/systems");
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", contentType).header("X-Actor", "it-test")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static LocalKafka startKafka() {
        try {
            return new LocalKafka(Files.createTempDirectory("command-it-kafka"), FreePorts.next(), 3).start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
