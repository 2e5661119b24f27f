package eu.aiact.tracker.command.log;

import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.audit.Checkpoint;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes every signed checkpoint to {@code tracker.log.checkpoints-topic} (kept forever, keyed by the log's origin), so that the
 * checkpoints live outside the database too: auditors and witnesses read them there. At least once: a checkpoint whose publication was
 * not acknowledged is sent again by the sequencer; readers keep one per tree size.
 */
@Component
public class CheckpointTopic {

    private static final Logger log = LoggerFactory.getLogger(CheckpointTopic.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final LogProperties properties;

    public CheckpointTopic(KafkaTemplate<String, String> kafka, JsonMapper json, LogProperties properties) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
    }

    /** Sends without waiting; {@code acknowledged} runs once the broker has it. */
    public void publish(Checkpoint checkpoint, Runnable acknowledged) {
        try {
            kafka.send(properties.checkpointsTopic(), checkpoint.origin(), json.writeValueAsString(checkpoint)).whenComplete((result, error) -> {
                if (error == null) {
                    CompletableFuture.runAsync(acknowledged); // not on the producer's own thread
                } else {
                    log.warn("Checkpoint of size {} not published to {} ({}); it is sent again later", checkpoint.treeSize(),
                            properties.checkpointsTopic(), error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.warn("Checkpoint of size {} not published to {} ({}); it is sent again later", checkpoint.treeSize(),
                    properties.checkpointsTopic(), e.getMessage());
        }
    }

    @Configuration
    static class Topic {
        @Bean
        NewTopic checkpointsTopic(LogProperties properties) {
            return TopicBuilder.name(properties.checkpointsTopic()).partitions(1).replicas(1).config("retention.ms", "-1").build();
        }
    }
}
