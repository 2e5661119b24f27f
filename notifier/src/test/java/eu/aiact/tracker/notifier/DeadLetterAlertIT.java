package eu.aiact.tracker.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import eu.aiact.tracker.infra.TestInfrastructure;
import eu.aiact.tracker.infra.TestTopicReader;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.support.NotifierStack;
import eu.aiact.tracker.notifier.support.Receivers;
import eu.aiact.tracker.stream.DeadLetterCopier;

/**
 * Issue 15, "a dead letter raises an alert to the platform's administrators": every service's dead letters are copied by stream-support
 * to {@code <topic>.DLT}; the notifier reads both dead-letter topics and mails the platform address once per consumer and record position,
 * however often the copy is read (again, or by a replay), whatever headers it lacks, and its own dead letters included, without ever
 * copying a dead letter of a dead-letter topic again.
 */
class DeadLetterAlertIT {

    private static final String EVENTS = "it-dlt-events";
    private static final String FEED = "it-dlt-obligations";
    private static final String PLATFORM = "platform@dead-letters.test";

    private static final Receivers receivers = new Receivers();
    private static KafkaProducer<String, String> producer;
    private static NotifierStack notifier;

    @BeforeAll
    static void start() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers()))) {
            // one partition each: a marker written after a record is read after it
            admin.createTopics(List.of(new NewTopic(EVENTS, 1, (short) 1), new NewTopic(FEED, 1, (short) 1), new NewTopic(EVENTS + ".DLT", 1,
                    (short) 1), new NewTopic(FEED + ".DLT", 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
        notifier = start("notifier-dlt-it");
    }

    private static NotifierStack start(String group) {
        return NotifierStack.start("dlt_it", "development", Map.of("spring.kafka.consumer.group-id", group, "tracker.events-topic", EVENTS,
                "tracker.obligations-topic", FEED, "tracker.notifier.platform-address", PLATFORM, "spring.mail.host", "127.0.0.1",
                "spring.mail.port", String.valueOf(receivers.smtpPort()), "tracker.stream.publish-interval", "PT0.2S"));
    }

    @AfterAll
    static void stop() {
        if (notifier != null) {
            notifier.close();
        }
        if (producer != null) {
            producer.close();
        }
        receivers.close();
    }

    @Test
    void aDeadLetterOfAnyServiceIsOneMailToThePlatformHoweverOftenItIsReadAndWhateverHeadersItLacks() throws Exception {
        String consumer = "query-service/ai-system-projection";
        String origin = EVENTS + "-0@" + Math.abs(UUID.randomUUID().getMostSignificantBits());
        String reason = "The database refused it (SQL state 22P05): unsupported Unicode escape sequence";
        Map<String, String> headers = Map.of("dlt-reason", reason, "dlt-origin", origin, "dlt-consumer", consumer, "dlt-dead-at",
                "2026-12-01T10:15:30Z", "dlt-id", "query-service/17");
        String key = deadLetterKey(consumer, origin);

        send(EVENTS + ".DLT", "sys-1", "{\"eventId\":\"truncated", headers);
        awaitNotice(key);
        notifier.dispatchAll();
        assertThat(receivers.mailsTo(PLATFORM).stream().filter(m -> m.alertId().equals(key))).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains(consumer, origin, reason));

        // the same copy again (a service that copied it twice), then a marker behind it: once the marker is noticed, the copy was read
        send(EVENTS + ".DLT", "sys-1", "{\"eventId\":\"truncated", headers);
        String marker = marker(EVENTS + ".DLT");

        // a copy without any header (written by hand, or by an older service) is still a notice, and the consumer keeps going
        send(FEED + ".DLT", "sys-2", "not json at all", Map.of());
        String afterBare = marker(FEED + ".DLT");
        notifier.dispatchAll();
        List<Receivers.Mail> bare = receivers.mailsTo(PLATFORM).stream().filter(m -> m.body().contains(FEED + ".DLT-0@")
                && !m.body().contains("marker-")).toList();
        assertThat(bare).as("one notice naming where the copy lies").hasSize(1);
        assertThat(receivers.mailsTo(PLATFORM).stream().filter(m -> m.alertId().equals(key))).as("the same copy read again").hasSize(1);
        assertThat(receivers.mailsTo(PLATFORM).stream().filter(m -> m.alertId().equals(marker) || m.alertId().equals(afterBare)))
                .hasSize(2);

        // the coverage view counts the platform's dead-letter notices per consumer
        tools.jackson.databind.JsonNode counted = notifier.get("/api/coverage").get("platform").get("recordDeadLetters");
        assertThat(counted.get("byConsumer").get(consumer).asLong()).isEqualTo(1);
        assertThat(counted.get("byConsumer").get("test/marker").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(counted.get("total").asLong()).isGreaterThanOrEqualTo(4);

        // a replay: another instance on the same database reads both dead-letter topics from their beginning
        int mailsBefore = receivers.mailsTo(PLATFORM).size();
        notifier.close();
        notifier = start("notifier-dlt-it-replay");
        String afterReplay = marker(EVENTS + ".DLT");
        String afterReplayFeed = marker(FEED + ".DLT");
        notifier.dispatchAll();
        assertThat(receivers.mailsTo(PLATFORM).stream().filter(m -> m.alertId().equals(key))).as("after the replay").hasSize(1);
        assertThat(receivers.mailsTo(PLATFORM)).as("only the two markers sent after the replay started are new")
                .hasSize(mailsBefore + 2).anyMatch(m -> m.alertId().equals(afterReplay)).anyMatch(m -> m.alertId().equals(afterReplayFeed));
    }

    @Test
    void theNotifiersOwnDeadLetterIsMailedAndADeadLetterOfADeadLetterTopicIsNeverCopiedAgain() throws Exception {
        String key = "poison-" + UUID.randomUUID();
        send(EVENTS, key, "{\"eventId\":\"" + key + "\", \"truncated", Map.of());
        String notice = awaitNotice(() -> notifier.jdbc().queryForList(
                "SELECT alert_key FROM alert WHERE alert_key LIKE ? ESCAPE '!'", String.class, "%DEAD-LETTER:notifier/notifier-intake@" + EVENTS
                        + "-0@%").stream().findFirst().orElse(null));
        notifier.dispatchAll();
        assertThat(receivers.mailsTo(PLATFORM).stream().filter(m -> m.alertId().equals(notice))).singleElement()
                .satisfies(mail -> assertThat(mail.body()).contains("notifier/notifier-intake", EVENTS + "-0@"));

        // a copy the notifier could not handle is a dead letter of its own (of the .DLT topic): kept, listed, never copied to .DLT.DLT
        notifier.jdbc().update("""
                INSERT INTO stream_dead_letter (consumer, topic, partition, "offset", value, reason, failure, attempts)
                VALUES ('notifier-dead-letters', ?, 0, 999999, ?, 'refused', 'test', 3)""", EVENTS + ".DLT", "x".getBytes(StandardCharsets.UTF_8));
        notifier.bean(DeadLetterCopier.class).copyPending();
        assertThat(notifier.jdbc().queryForObject("""
                SELECT count(*) FROM stream_dead_letter WHERE topic = ? AND "offset" = 999999 AND copied_at IS NOT NULL""", Long.class,
                EVENTS + ".DLT")).isEqualTo(1);
        try (TestTopicReader twice = new TestTopicReader(TestInfrastructure.get().kafkaBootstrapServers(), EVENTS + ".DLT.DLT")) {
            assertThatThrownBy(() -> twice.awaitRecords(records -> !records.isEmpty(), Duration.ofSeconds(3)))
                    .as("nothing on " + EVENTS + ".DLT.DLT").isInstanceOf(AssertionError.class);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String deadLetterKey(String consumer, String origin) {
        return Alert.key(Alert.PLATFORM, null, null, "DEAD-LETTER:" + consumer + "@" + origin);
    }

    /** A dead-letter copy with every header, whose notice is awaited: everything on the topic before it was read. */
    private static String marker(String topic) throws Exception {
        String origin = "marker-" + UUID.randomUUID() + "-0@1";
        send(topic, "marker", "{}", Map.of("dlt-reason", "marker", "dlt-origin", origin, "dlt-consumer", "test/marker", "dlt-dead-at",
                "2026-12-01T10:00:00Z"));
        return awaitNotice(deadLetterKey("test/marker", origin));
    }

    private static void send(String topic, String key, String value, Map<String, String> headers) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private static String awaitNotice(String key) {
        return awaitNotice(() -> notifier.jdbc().queryForObject("SELECT count(*) FROM alert WHERE alert_key = ?", Long.class, key) > 0 ? key
                : null);
    }

    private static String awaitNotice(Supplier<String> found) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            String key = found.get();
            if (key != null) {
                return key;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("No platform notice within 60 s");
    }
}
