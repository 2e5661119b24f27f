package eu.aiact.tracker.stream;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * Watches every consumer's partitions from outside the consumer (so that a consumer thread that hangs is seen too): per partition the
 * lag (end offset minus the group's committed position), the age of the oldest unprocessed record (the record at the committed
 * position, read with a consumer of its own), and whether it is stuck: records waiting and the position not moved for
 * {@code tracker.stream.stuck-after}. As metrics {@code tracker.stream.lag}, {@code tracker.stream.oldest.age} (seconds) and
 * {@code tracker.stream.stuck} (1 when stuck), tagged consumer, topic and partition; and in the health ({@link StreamHealthIndicator}).
 */
public class StreamMonitor implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamMonitor.class);

    /** What is known of one partition of one consumer. */
    public static final class PartitionState {
        volatile long lag;
        volatile long position = -1;
        volatile long end;
        volatile double oldestAgeSeconds;
        volatile boolean stuck;
        volatile Instant lastMoved;

        public long lag() {
            return lag;
        }

        public double oldestAgeSeconds() {
            return oldestAgeSeconds;
        }

        public boolean stuck() {
            return stuck;
        }
    }

    /** One consumer as measured last: its partitions, or why it could not be measured. */
    public record Measurement(String consumer, String group, Instant measuredAt, Map<TopicPartition, PartitionState> partitions,
            String error) {
    }

    private final StreamConsumers consumers;
    private final StreamOffsets offsets;
    private final Map<String, Object> consumerConfig;
    private final String defaultGroup;
    private final StreamProperties properties;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Map<String, Map<TopicPartition, PartitionState>> states = new ConcurrentHashMap<>();
    private final Map<String, Measurement> last = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private KafkaConsumer<String, String> peeker;

    public StreamMonitor(StreamConsumers consumers, StreamOffsets offsets, Map<String, Object> consumerConfig, String defaultGroup,
            StreamProperties properties, MeterRegistry meters, Clock clock) {
        this.consumers = consumers;
        this.offsets = offsets;
        this.consumerConfig = consumerConfig;
        this.defaultGroup = defaultGroup;
        this.properties = properties;
        this.meters = meters;
        this.clock = clock;
    }

    /** The last measurement of each consumer (none before the first). */
    public Map<String, Measurement> measurements() {
        return new LinkedHashMap<>(last);
    }

    /** Measures every consumer now. */
    public synchronized void measure() {
        for (StreamConsumer<?> consumer : consumers.all()) {
            String group = consumer.handler().groupId() != null ? consumer.handler().groupId() : defaultGroup;
            try {
                last.put(consumer.name(), measure(consumer, group));
            } catch (Exception e) {
                log.debug("Could not measure {}: {}", consumer.name(), e.toString());
                last.put(consumer.name(), new Measurement(consumer.name(), group, clock.instant(),
                        Map.copyOf(states.getOrDefault(consumer.name(), Map.of())), "could not be measured: " + e));
            }
        }
    }

    private Measurement measure(StreamConsumer<?> consumer, String group) throws Exception {
        List<TopicPartition> partitions = offsets.partitions(consumer.handler().topics());
        Map<TopicPartition, Long> ends = offsets.offsets(partitions, OffsetSpec.latest());
        Map<TopicPartition, Long> begins = offsets.offsets(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> committed = offsets.committed(group);
        Instant now = clock.instant();
        Map<TopicPartition, PartitionState> mine = states.computeIfAbsent(consumer.name(), name -> new ConcurrentHashMap<>());
        Map<TopicPartition, Long> waiting = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionState state = mine.computeIfAbsent(partition, p -> register(consumer.name(), p, new PartitionState()));
            long end = ends.getOrDefault(partition, 0L);
            long position = Math.max(committed.getOrDefault(partition, begins.getOrDefault(partition, 0L)),
                    begins.getOrDefault(partition, 0L));
            // waiting since: the position last moved, or records arrived at a partition that had none waiting
            if (position != state.position || state.lastMoved == null || state.lag == 0) {
                state.lastMoved = now;
            }
            state.position = position;
            state.end = end;
            state.lag = Math.max(0, end - position);
            if (state.lag > 0) {
                waiting.put(partition, position);
            } else {
                state.oldestAgeSeconds = 0;
            }
            state.stuck = state.lag > 0 && Duration.between(state.lastMoved, now).compareTo(properties.stuckAfter()) >= 0;
            if (state.stuck) {
                log.warn("{}: partition {} is stuck at offset {} with {} records waiting for {}", consumer.name(), partition, position,
                        state.lag, Duration.between(state.lastMoved, now));
            }
        }
        Map<TopicPartition, Long> timestamps = oldestTimestamps(waiting);
        waiting.keySet().forEach(partition -> {
            Long timestamp = timestamps.get(partition);
            mine.get(partition).oldestAgeSeconds = timestamp == null ? mine.get(partition).oldestAgeSeconds
                    : Math.max(0, (now.toEpochMilli() - timestamp) / 1000.0);
        });
        return new Measurement(consumer.name(), group, now, Map.copyOf(mine), null);
    }

    /** The timestamp of the record at each of these positions, read with a consumer of no group. */
    private Map<TopicPartition, Long> oldestTimestamps(Map<TopicPartition, Long> positions) {
        Map<TopicPartition, Long> found = new HashMap<>();
        if (positions.isEmpty()) {
            return found;
        }
        KafkaConsumer<String, String> reader = peeker();
        reader.assign(new ArrayList<>(positions.keySet()));
        positions.forEach(reader::seek);
        long deadline = System.currentTimeMillis() + 2000;
        while (found.size() < positions.size() && System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<String, String> record : reader.poll(Duration.ofMillis(200))) {
                found.putIfAbsent(new TopicPartition(record.topic(), record.partition()), record.timestamp());
            }
        }
        reader.assign(List.of());
        return found;
    }

    private KafkaConsumer<String, String> peeker() {
        if (peeker == null) {
            Map<String, Object> config = new HashMap<>(consumerConfig);
            config.remove(ConsumerConfig.GROUP_ID_CONFIG);
            config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "stream-monitor");
            config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
            peeker = new KafkaConsumer<>(config);
        }
        return peeker;
    }

    private PartitionState register(String consumer, TopicPartition partition, PartitionState state) {
        Tags tags = Tags.of("consumer", consumer, "topic", partition.topic(), "partition", String.valueOf(partition.partition()));
        Gauge.builder("tracker.stream.lag", state, PartitionState::lag).tags(tags)
                .description("Records on the partition not yet processed by the consumer").register(meters);
        Gauge.builder("tracker.stream.oldest.age", state, PartitionState::oldestAgeSeconds).tags(tags).baseUnit("seconds")
                .description("Age of the oldest record of the partition the consumer has not processed (0 when none waits)").register(meters);
        Gauge.builder("tracker.stream.stuck", state, s -> s.stuck() ? 1 : 0).tags(tags)
                .description("1 when records wait on the partition and the consumer's position has not moved for tracker.stream.stuck-after")
                .register(meters);
        return state;
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "stream-monitor");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.monitorInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                measure();
            } catch (RuntimeException e) {
                log.warn("Measuring the streams failed: {}", e.toString());
            }
        }, Math.min(millis, 2000), millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService running;
        synchronized (this) {
            running = executor;
            executor = null;
        }
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            if (peeker != null) {
                peeker.close(Duration.ofSeconds(2));
                peeker = null;
            }
            offsets.close();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
