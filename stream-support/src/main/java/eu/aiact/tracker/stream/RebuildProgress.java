package eu.aiact.tracker.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a consumer's rebuild has come: the records replayed, the records its topics held when it started (the sum of their partitions'
 * end offsets), and the rate. A rebuild is over when every partition reached the end offset it had when the rebuild started.
 */
public class RebuildProgress {

    private static final Logger log = LoggerFactory.getLogger(RebuildProgress.class);

    /** What a client sees. {@code eventsTotal} is -1 when the topics' size could not be read. */
    public record Status(boolean running, Instant startedAt, Instant finishedAt, long eventsDone, long eventsTotal, double eventsPerSecond) {
    }

    private final String consumer;
    private final Clock clock;
    private boolean running;
    private Instant startedAt;
    private Instant finishedAt;
    private long done;
    private long total;
    private Map<TopicPartition, Long> endOffsets = Map.of();
    private final Map<TopicPartition, Long> reached = new HashMap<>();
    private Runnable onFinished = () -> {
    };

    RebuildProgress(String consumer, Clock clock) {
        this.consumer = consumer;
        this.clock = clock;
    }

    public synchronized boolean running() {
        return running;
    }

    /** A rebuild was asked for: it shows as running (of an unknown total) until it starts, when the consumer gets its partitions. */
    synchronized void requested() {
        running = true;
        startedAt = clock.instant();
        finishedAt = null;
        done = 0;
        total = -1;
        endOffsets = Map.of();
        reached.clear();
    }

    /** @param endOffsets the partitions' end offsets now (empty: unknown) */
    synchronized void started(Map<TopicPartition, Long> endOffsets, Runnable onFinished) {
        this.endOffsets = Map.copyOf(endOffsets);
        this.onFinished = onFinished;
        total = endOffsets.isEmpty() ? -1 : endOffsets.values().stream().mapToLong(Long::longValue).sum();
        running = true;
        startedAt = clock.instant();
        finishedAt = null;
        done = 0;
        reached.clear();
        log.info("Rebuild of {} started: {} records to replay", consumer, total);
        finishIfCaughtUp();
    }

    /** Counts a replayed record. */
    synchronized void replayed(TopicPartition partition, long offset) {
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
        if (endOffsets.isEmpty()) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> end : endOffsets.entrySet()) {
            if (end.getValue() > 0 && reached.getOrDefault(end.getKey(), 0L) < end.getValue()) {
                return;
            }
        }
        running = false;
        finishedAt = clock.instant();
        log.info("Rebuild of {} finished: {} records in {}", consumer, done, Duration.between(startedAt, finishedAt));
        onFinished.run();
    }
}
