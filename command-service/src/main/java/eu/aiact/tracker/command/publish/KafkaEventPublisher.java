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
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.envelope.EventTypes;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Puts every stored event on Kafka, in an envelope signed with the command service's key (consumers accept only envelopes it signed). It runs in a tracking event processor whose position is kept in PostgreSQL: the position only moves
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
    private final EnvelopeSigner signer;
    private final JsonMapper json;
    private final PublisherProperties properties;
    private final Counter published;
    private final Counter failed;

    public KafkaEventPublisher(KafkaTemplate<String, String> kafka, EnvelopeSigner signer, JsonMapper json, PublisherProperties properties,
            MeterRegistry meters) {
        this.kafka = kafka;
        this.signer = signer;
        this.json = json;
        this.properties = properties;
        this.published = Counter.builder("tracker.events.published").description("Events acknowledged by Kafka").register(meters);
        this.failed = Counter.builder("tracker.events.publish.failures").description("Failed attempts to publish an event").register(meters);
    }

    /**
     * Collects the event into its batch; at the batch's last event the batch is signed (one Ed25519 signature over the Merkle root of its
     * envelopes' digests, see {@link EnvelopeSigner}), sent, and every acknowledgement awaited, all within the handling of that last
     * event: the processor stores its position when the batch commits, so only after all sends of the batch were acknowledged. A send
     * that fails, or is not acknowledged in time, fails the event's handling: the batch is rolled back, its position not stored, and the
     * whole batch is signed and sent again (at least once; readers drop copies by event id). (Failing the batch in its prepare-commit
     * phase instead, as this publisher once did, let the processor store its position past a batch that was never acknowledged:
     * EventStoreAndPublisherIT lost the first event sent during an outage that way.)
     */
    @EventHandler
    public void publish(Object payload, EventMessage<?> event, TrackingToken token) {
        EventEnvelope envelope = envelopeOf(payload, event, token);
        if (!CurrentUnitOfWork.isStarted() || !(CurrentUnitOfWork.get().root() instanceof BatchingUnitOfWork<?> batch)) {
            sendSignedAndAwait(List.of(envelope));
            return;
        }
        List<EventEnvelope> envelopes = batch.getOrComputeResource(PENDING, key -> new ArrayList<>());
        envelopes.add(envelope);
        if (batch.isLastMessage()) {
            sendSignedAndAwait(envelopes);
        }
    }

    private record Pending(EventEnvelope envelope, CompletableFuture<?> sent) {
    }

    private void sendSignedAndAwait(List<EventEnvelope> envelopes) {
        List<Pending> sends = new ArrayList<>(envelopes.size());
        for (EventEnvelope envelope : signer.sign(envelopes)) {
            ProducerRecord<String, String> record = new ProducerRecord<>(properties.topic(), envelope.aggregateId(),
                    json.writeValueAsString(envelope));
            record.headers().add("eventType", envelope.type().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                sends.add(new Pending(envelope, kafka.send(record)));
            } catch (RuntimeException e) {
                throw notAcknowledged(envelopes, e);
            }
        }
        awaitAll(sends);
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
        EventEnvelope envelope = new EventEnvelope(event.getIdentifier(), aggregateId, sequence, globalIndex,
                EventTypes.nameOf(payload.getClass()), event.getTimestamp(), metadata, json.valueToTree(payload));
        // signed as a consumer will read it: the digest is then of exactly the values a consumer parses from the text
        return json.readValue(json.writeValueAsString(envelope), EventEnvelope.class);
    }
}
