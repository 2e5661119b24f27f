package eu.aiact.tracker.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Copies every alert the notifier puts on the {@code aiact.alerts} topic to {@code logs/alerts-topic.log}, as a downstream reader would. */
final class AlertsTopicLog implements AutoCloseable {

    static final String TOPIC = "aiact.alerts";

    private final KafkaConsumer<String, String> consumer;
    private final Path log;
    private final Thread thread;

    AlertsTopicLog(String bootstrapServers, Path log) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "local-stack-alerts-log",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        this.log = log;
        this.thread = new Thread(this::run, "alerts-topic-log");
        thread.setDaemon(true);
    }

    AlertsTopicLog start() throws IOException {
        Files.createDirectories(log.getParent());
        thread.start();
        return this;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(TOPIC));
            while (!Thread.currentThread().isInterrupted()) {
                StringBuilder text = new StringBuilder();
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                    text.append(record.key()).append(' ').append(record.value()).append('\n');
                }
                if (!text.isEmpty()) {
                    Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                    consumer.commitSync();
                }
            }
        } catch (WakeupException stopping) {
            // closed
        } catch (IOException e) {
            System.err.println("Could not write " + log + ": " + e.getMessage());
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        thread.join(5000);
    }
}
