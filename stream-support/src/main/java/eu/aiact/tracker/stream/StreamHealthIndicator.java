package eu.aiact.tracker.stream;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The consumers in the service's health ({@code /actuator/health}, component {@code streams}): per consumer and partition the lag, the age
 * of the oldest unprocessed record and whether the partition is stuck, and the dead letters waiting. DOWN when a partition is stuck (a
 * partition that does not move while it has records); UNKNOWN before the first measurement.
 */
public class StreamHealthIndicator implements HealthIndicator {

    private final StreamMonitor monitor;
    private final StreamConsumers consumers;
    private final DeadLetterStore deadLetters;

    public StreamHealthIndicator(StreamMonitor monitor, StreamConsumers consumers, DeadLetterStore deadLetters) {
        this.monitor = monitor;
        this.consumers = consumers;
        this.deadLetters = deadLetters;
    }

    @Override
    public Health health() {
        Map<String, StreamMonitor.Measurement> measurements = monitor.measurements();
        if (measurements.isEmpty()) {
            return Health.unknown().withDetail("consumers", consumers.all().stream().map(StreamConsumer::name).toList())
                    .withDetail("reason", "not measured yet").build();
        }
        boolean stuck = false;
        Map<String, Object> details = new LinkedHashMap<>();
        List<String> stuckPartitions = new ArrayList<>();
        for (StreamMonitor.Measurement measurement : measurements.values()) {
            Map<String, Object> consumer = new LinkedHashMap<>();
            consumer.put("group", measurement.group());
            consumer.put("measuredAt", measurement.measuredAt().toString());
            if (measurement.error() != null) {
                consumer.put("error", measurement.error());
            }
            List<Map<String, Object>> partitions = new ArrayList<>();
            measurement.partitions().entrySet().stream()
                    .sorted((a, b) -> a.getKey().toString().compareTo(b.getKey().toString()))
                    .forEach(entry -> {
                        StreamMonitor.PartitionState state = entry.getValue();
                        Map<String, Object> partition = new LinkedHashMap<>();
                        partition.put("topic", entry.getKey().topic());
                        partition.put("partition", entry.getKey().partition());
                        partition.put("position", state.position);
                        partition.put("end", state.end);
                        partition.put("lag", state.lag);
                        partition.put("oldestUnprocessedAgeSeconds", state.oldestAgeSeconds);
                        partition.put("stuck", state.stuck);
                        partitions.add(partition);
                        if (state.stuck) {
                            stuckPartitions.add(measurement.consumer() + ": " + entry.getKey() + " at offset " + state.position + " with "
                                    + state.lag + " records waiting");
                        }
                    });
            consumer.put("partitions", partitions);
            try {
                consumer.put("deadLettersWaiting", deadLetters.waiting(measurement.consumer()));
            } catch (RuntimeException e) {
                consumer.put("deadLettersWaiting", "unknown: " + e.getMessage());
            }
            details.put(measurement.consumer(), consumer);
        }
        stuck = !stuckPartitions.isEmpty();
        Health.Builder health = stuck ? Health.down().withDetail("stuck", stuckPartitions) : Health.up();
        return health.withDetails(details).build();
    }
}
