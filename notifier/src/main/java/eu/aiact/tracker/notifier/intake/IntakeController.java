package eu.aiact.tracker.notifier.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.notifier.seen.EventIntake;
import eu.aiact.tracker.notifier.tracking.ObligationFeedIntake;
import eu.aiact.tracker.stream.StreamConsumers;

/**
 * A replay of the notifier's intake (administrators): both topics it reads (the events and the obligations feed) are read again from
 * their start, so that what the notifier knows is rebuilt from them; records up to where it stood notify nobody, and no alert or
 * delivery comes of the replay ({@link IntakeReplay}).
 */
@RestController
@RequestMapping("/api/admin/intake/replay")
public class IntakeController {

    private final IntakeReplay replay;
    private final EventIntake events;
    private final ObligationFeedIntake obligations;
    private final StreamConsumers streams;
    private final ConsumerFactory<?, ?> consumers;
    private final List<String> topics;

    public IntakeController(IntakeReplay replay, EventIntake events, ObligationFeedIntake obligations, StreamConsumers streams,
            ConsumerFactory<?, ?> consumers, @Value("${tracker.events-topic}") String eventsTopic,
            @Value("${tracker.obligations-topic:aiact.obligations}") String feedTopic) {
        this.replay = replay;
        this.events = events;
        this.obligations = obligations;
        this.streams = streams;
        this.consumers = consumers;
        this.topics = List.of(eventsTopic, feedTopic);
    }

    @PostMapping
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> start() {
        Map<TopicPartition, Long> ends = new HashMap<>();
        try (Consumer<?, ?> consumer = consumers.createConsumer("notifier-replay-probe", "replay-probe")) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            ends.putAll(consumer.endOffsets(partitions, Duration.ofSeconds(10)));
        }
        replay.replayUntil(ends);
        // stream-support's rebuild: forgets the processed ids, restarts the consumer from the start of its topics, with progress
        streams.get(events.name()).rebuild();
        streams.get(obligations.name()).rebuild();
        return status();
    }

    @GetMapping
    public Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("topics", topics);
        body.put("replayedUntil", replay.boundaries(topics));
        body.put("notifies", "records before replayedUntil are read again and notify nobody");
        body.put("progress", List.of(streams.get(events.name()).progress().status(), streams.get(obligations.name()).progress().status()));
        return body;
    }
}
