package eu.aiact.tracker.command.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 * once the broker has acknowledged every event of the batch, so a Kafka outage delays publication and loses nothing (the processor
 * retries with backoff).
 */
@Component
@ProcessingGroup(KafkaEventPublisher.PROCESSING_GROUP)
public class KafkaEventPublisher {

    public static final String PROCESSING_GROUP = "kafka-publisher";
    private static final String PENDING = KafkaEventPublisher.class.getName() + ".pending";
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

    /**
     * Sends the event without waiting, and makes the batch's commit wait for every acknowledgement: the processor stores its position in
     * the same commit, after all sends of the batch were acknowledged. A send that fails, or is not acknowledged in time, fails the batch:
     * its position is not stored and the whole batch is sent again (at least once; readers drop copies by event id).
     */
    @EventHandler
    public void publish(Object payload, EventMessage<?> event, TrackingToken token) {
        EventEnvelope envelope = envelopeOf(payload, event, token);
        ProducerRecord<String, String> record = new ProducerRecord<>(properties.topic(), envelope.aggregateId(), json.writeValueAsString(envelope));
        record.headers().add("eventType", envelope.type().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        CompletableFuture<?> sent;
        try {
            sent = kafka.send(record);
        } catch (RuntimeException e) {
            throw notAcknowledged(List.of(envelope), e);
        }
        Pending pending = new Pending(envelope, sent);
        if (!CurrentUnitOfWork.isStarted()) {
            awaitAll(List.of(pending));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        List<Pending> batchSends = batch.getOrComputeResource(PENDING, key -> {
            List<Pending> sends = new ArrayList<>();
            batch.onPrepareCommit(unit -> awaitAll(sends));
            return sends;
        });
        batchSends.add(pending);
    }

    private record Pending(EventEnvelope envelope, CompletableFuture<?> sent) {
    }

    private void awaitAll(List<Pending> sends) {
        long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
        for (Pending pending : sends) {
            try {
                pending.sent().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                published.increment();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw notAcknowledged(sends, e);
            } catch (ExecutionException | TimeoutException e) {
                throw notAcknowledged(sends, e);
            }
        }
    }

    private IllegalStateException notAcknowledged(List<?> sends, Exception cause) {
        failed.increment();
        // A broker that went away (or came back as a new cluster) can leave the producer unusable: start afresh on the next attempt.
        kafka.getProducerFactory().reset();
        Object head = sends.get(0);
        EventEnvelope first = head instanceof Pending pending ? pending.envelope() : (EventEnvelope) head;
        log.warn("{} event(s) from {} of {} not acknowledged by Kafka ({}); the batch will be published again", sends.size(), first.eventId(),
                first.aggregateId(), cause.getMessage());
        return new IllegalStateException("Kafka did not acknowledge event " + first.eventId(), cause);
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
