package eu.aiact.tracker.query.projection;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.system.AiSystemRegistered;

/**
 * Feeds the AI system projection from the events topic. Its position is the consumer group's committed offset; a rebuild empties the
 * table and seeks back to the start of the topic.
 */
@Component
public class AiSystemProjection extends AbstractConsumerSeekAware {

    public static final String LISTENER_ID = "ai-system-projection";
    private static final Logger log = LoggerFactory.getLogger(AiSystemProjection.class);

    private final EnvelopeCodec codec;
    private final AiSystemRepository systems;

    public AiSystemProjection(EnvelopeCodec codec, AiSystemRepository systems) {
        this.codec = codec;
        this.systems = systems;
    }

    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${tracker.events-topic}")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = codec.read(record.value());
        codec.payload(envelope).ifPresentOrElse(
                payload -> apply(payload, envelope),
                () -> log.warn("Skipping event {} of unknown type {}", envelope.eventId(), envelope.type()));
    }

    /** Empties the projection and replays the topic from its first event. */
    @Transactional
    public void rebuild() {
        systems.deleteAll();
        seekToBeginning();
    }

    private void apply(Object payload, EventEnvelope envelope) {
        if (payload instanceof AiSystemRegistered registered) {
            systems.insert(registered, envelope);
        }
    }
}
