package eu.aiact.tracker.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * How far a rebuild of the AI system projection has come: the events replayed, the events the topic held when it started (the sum of
 * its partitions' end offsets), and the rate. Queries keep answering during a rebuild, from the tables as far as they are rebuilt, and
 * say so in a response header (see {@code RebuildNotice}).
 */
@Component
public class RebuildProgress {

    private static final Logger log = LoggerFactory.getLogger(RebuildProgress.class);

    /** What a client sees. {@code eventsTotal} is -1 when the topic's size could not be read. */
    public record Status(boolean running, Instant startedAt, Instant finishedAt, long eventsDone, long eventsTotal, double eventsPerSecond) {
    }

    private final KafkaAdmin admin;
    private final String topic;
    private final Clock clock;

    private boolean running;
    private Instant startedAt;
    private Instant finishedAt;
    private long done;
    private long total;
    private Map<Integer, Long> endOffsets = Map.of();
    private final Map<Integer, Long> reached = new HashMap<>();

    public RebuildProgress(KafkaAdmin admin, @Value("${tracker.events-topic}") String topic, Clock clock, MeterRegistry meters) {
        this.admin = admin;
        this.topic = topic;
        this.clock = clock;
        Gauge.builder("tracker.projection.rebuild.rate", this, p -> p.status().eventsPerSecond()).baseUnit("events/s")
                .description("Events per second of the running (or last) rebuild of the AI system projection").register(meters);
        Gauge.builder("tracker.projection.rebuild.events", this, p -> p.status().eventsDone())
                .description("Events replayed by the running (or last) rebuild of the AI system projection").register(meters);
    }

    public synchronized boolean running() {
        return running;
    }

    public synchronized void started() {
        endOffsets = endOffsets();
        total = endOffsets.isEmpty() ? -1 : endOffsets.values().stream().mapToLong(Long::longValue).sum();
        running = true;
        startedAt = clock.instant();
        finishedAt = null;
        done = 0;
        reached.clear();
        log.info("Rebuild of the AI system projection started: {} events to replay", total);
        finishIfCaughtUp();
    }

    /** Counts a replayed record; the rebuild is over when every partition reached the end offset it had when the rebuild started. */
    public synchronized void replayed(int partition, long offset) {
        if (!running) {
            return;
        }
        done++;
        reached.merge(partition, offset + 1, Math::max);
        finishIfCaughtUp();
    }

    public synchronized Status status() {
        Instant end = finishedAt == null ? clock.instant() : finishedAt;
        double seconds = startedAt == null ? 0 : Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
        return new Status(running, startedAt, finishedAt, done, total, startedAt == null ? 0 : Math.round(done / seconds * 10) / 10.0);
    }

    private void finishIfCaughtUp() {
        if (endOffsets.isEmpty() && total < 0) {
            return;
        }
        for (Map.Entry<Integer, Long> end : endOffsets.entrySet()) {
            if (end.getValue() > 0 && reached.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return;
            }
        }
        running = false;
        finishedAt = clock.instant();
        log.info("Rebuild of the AI system projection finished: {} events in {}", done, Duration.between(startedAt, finishedAt));
    }

    private Map<Integer, Long> endOffsets() {
        try (AdminClient client = AdminClient.create(admin.getConfigurationProperties())) {
            TopicDescription description = client.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            description.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets = client.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            Map<Integer, Long> ends = new HashMap<>();
            offsets.forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
            return ends;
        } catch (Exception e) {
            log.warn("Could not read the size of topic {}; the rebuild's progress will show no total: {}", topic, e.getMessage());
            return Map.of();
        } 
    }
}
