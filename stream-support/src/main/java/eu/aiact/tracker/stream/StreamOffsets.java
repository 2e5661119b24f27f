package eu.aiact.tracker.stream;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads, with one Kafka admin client, where topics end and where consumer groups are: for rebuild progress and lag. */
public class StreamOffsets implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(StreamOffsets.class);

    private final Map<String, Object> config;
    private Admin admin;

    public StreamOffsets(Map<String, Object> adminConfig) {
        this.config = new HashMap<>(adminConfig);
        this.config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        this.config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    /** The partitions of these topics (those that exist). */
    public List<TopicPartition> partitions(Collection<String> topics) throws Exception {
        Map<String, TopicDescription> described = admin().describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
        return described.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition()))).toList();
    }

    /** The end offsets (of committed records) of these partitions; empty when the broker cannot be read. */
    public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions) {
        try {
            return offsets(partitions, OffsetSpec.latest());
        } catch (Exception e) {
            log.warn("Could not read the end offsets of {}: {}", partitions, e.toString());
            return Map.of();
        }
    }

    Map<TopicPartition, Long> offsets(Collection<TopicPartition> partitions, OffsetSpec spec) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, Long> result = new HashMap<>();
        admin().listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
                .forEach((p, info) -> result.put(p, info.offset()));
        return result;
    }

    /** Where the group is on each partition it has committed to. */
    public Map<TopicPartition, Long> committed(String group) throws Exception {
        Map<TopicPartition, Long> result = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        offsets.forEach((p, o) -> {
            if (o != null) {
                result.put(p, o.offset());
            }
        });
        return result;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(java.time.Duration.ofSeconds(5));
            admin = null;
        }
    }
}
