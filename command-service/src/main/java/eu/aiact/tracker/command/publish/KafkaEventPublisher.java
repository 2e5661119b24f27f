package eu.aiact.tracker.command.publish;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.envelope.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every stored event on Kafka. It runs in a tracking event processor whose position is kept in PostgreSQL: the position only moves
 * once the broker has acknowledged the event, so a Kafka outage delays publication and loses nothing (the processor retries with backoff).
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final Logger log = LoggerFactory.getLogger(KafkaEventPublisher.class);

    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final PublisherProperties properties;
    private final Counter published;
    private final Counter failed;

    public KafkaEventPublisher(KafkaTemplate<String, String> kafka, JsonMapper json, PublisherProperties properties, MeterRegistry meters) {
        this.kafka = kafka;
        this.json = json;
        this.properties = properties;
        this.published = Counter.builder("tracker.events.published").description("Events acknowledged by Kafka").register(meters);
        this.failed = Counter.builder("tracker.events.publish.failures").description("Failed attempts to publish an event").register(meters);
    }

    @EventHandler
    public void publish(Object payload, EventMessage<?> event, TrackingToken token) throws Exception {
        EventEnvelope envelope = envelopeOf(payload, event, token);
        ProducerRecord<String, String> record = new ProducerRecord<>(properties.topic(), envelope.aggregateId(), json.writeValueAsString(envelope));
        record.headers().add("eventType", envelope.type().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            kafka.send(record).get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
            published.increment();
        } catch (ExecutionException | TimeoutException e) {
            failed.increment();
            // A broker that went away (or came back as a new cluster) can leave the producer unusable: start afresh on the next attempt.
            kafka.getProducerFactory().reset();
            log.warn("Event {} of {} not acknowledged by Kafka ({}); will retry", envelope.eventId(), envelope.aggregateId(), e.getMessage());
            throw new IllegalStateException("Kafka did not acknowledge event " + envelope.eventId(), e);
        }
    }

    private EventEnvelope envelopeOf(Object payload, EventMessage<?> event, TrackingToken token) {
        String aggregateId = event.getIdentifier();
        long sequence = 0;
        if (event instanceof DomainEventMessage<?> domainEvent) {
            aggregateId = domainEvent.getAggregateIdentifier();
            sequence = domainEvent.getSequenceNumber();
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        event.getMetaData().forEach((key, value) -> metadata.put(key, String.valueOf(value)));
        long globalIndex = token == null ? -1 : token.position().orElse(-1);
        return new EventEnvelope(event.getIdentifier(), aggregateId, sequence, globalIndex, EventTypes.nameOf(payload.getClass()),
                event.getTimestamp(), metadata, json.valueToTree(payload));
    }
}
