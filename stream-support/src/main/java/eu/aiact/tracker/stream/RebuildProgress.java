package eu.aiact.tracker.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

/**
 * How far a consumer's rebuild has come, as every instance of the service sees it (read from {@link Rebuilds}, kept for half a second):
 * the records replayed, the records its topics held when it started (the sum of their partitions' end offsets), and the rate. A rebuild
 * is over when every partition reached the end offset it had when the rebuild started and the handler finished it.
 */
public class RebuildProgress {

    /** What a client sees. {@code eventsTotal} is -1 while the rebuild has not started (the topics' size is not known yet). */
    public record Status(boolean running, Instant startedAt, Instant finishedAt, long eventsDone, long eventsTotal, double eventsPerSecond) {
    }

    private static final Duration FRESH = Duration.ofMillis(500);

    private final String consumer;
    private final Rebuilds rebuilds;
    private final Clock clock;
    private Status cached;
    private Map<TopicPartition, Rebuilds.Partition> partitions = Map.of();
    private long cachedAt;

    RebuildProgress(String consumer, Rebuilds rebuilds, Clock clock) {
        this.consumer = consumer;
        this.rebuilds = rebuilds;
        this.clock = clock;
    }

    public boolean running() {
        return status().running();
    }

    public synchronized Status status() {
        if (cached == null || System.nanoTime() - cachedAt > FRESH.toNanos()) {
            refresh();
        }
        return cached;
    }

    /** Whether the record is one the running (or last) rebuild replays: before the end offset its partition had when it started. */
    public synchronized boolean replayed(String topic, int partition, long offset) {
        status();
        Rebuilds.Partition p = partitions.get(new TopicPartition(topic, partition));
        return p != null && offset < p.endOffset();
    }

    /** Reads the progress again at the next {@link #status()} (after this instance changed it). */
    synchronized void changed() {
        cached = null;
    }

    private void refresh() {
        Optional<Rebuilds.Generation> generation = rebuilds.current(consumer);
        partitions = generation.isPresent() ? rebuilds.partitions(consumer) : Map.of();
        cachedAt = System.nanoTime();
        if (generation.isEmpty()) {
            cached = new Status(false, null, null, 0, 0, 0);
            return;
        }
        Rebuilds.Generation g = generation.get();
        if (g.state() == Rebuilds.State.REQUESTED) {
            cached = new Status(true, g.requestedAt(), null, 0, -1, 0);
            return;
        }
        long done = partitions.values().stream().mapToLong(p -> Math.min(p.reached(), p.endOffset())).sum();
        long total = partitions.values().stream().mapToLong(Rebuilds.Partition::endOffset).sum();
        Instant started = g.replayStartedAt() == null ? g.requestedAt() : g.replayStartedAt();
        Instant end = g.finishedAt() == null ? clock.instant() : g.finishedAt();
        double seconds = Math.max(Duration.between(started, end).toMillis(), 1) / 1000.0;
        cached = new Status(g.active(), started, g.finishedAt(), done, total, Math.round(done / seconds * 10) / 10.0);
    }
}
