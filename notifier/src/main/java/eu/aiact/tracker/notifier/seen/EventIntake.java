package eu.aiact.tracker.notifier.seen;

import java.time.Clock;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.system.AiSystemRegistered;

/**
 * Takes every event from the topic, in the notifier's own consumer group, and records it once; a flagged (lowered) risk classification
 * also becomes a notice to the organisation's reviewers.
 */
@Component
public class EventIntake {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final EnvelopeCodec codec;
    private final SeenEventRepository seen;
    private final Clock clock;
    private final ClassificationReviews reviews;

    public EventIntake(EnvelopeCodec codec, SeenEventRepository seen, Clock clock, ClassificationReviews reviews) {
        this.codec = codec;
        this.seen = seen;
        this.clock = clock;
        this.reviews = reviews;
    }

    @KafkaListener(id = "notifier-intake", idIsGroup = false, topics = "${tracker.events-topic}")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = codec.read(record.value());
        Optional<Object> payload = codec.payload(envelope);
        String organisation = payload
                .filter(AiSystemRegistered.class::isInstance)
                .map(p -> ((AiSystemRegistered) p).organisation())
                .orElse(null);
        boolean isNew = seen.record(new SeenEvent(envelope.eventId(), envelope.aggregateId(), envelope.sequenceNumber(), envelope.type(),
                organisation, envelope.recordedAt(), clock.instant()));
        if (isNew) {
            log.info("Recorded {} #{} of AI system {}", envelope.type(), envelope.sequenceNumber(), envelope.aggregateId());
        }
        // Also on a redelivery: the notice is keyed by event id, so it is stored once whichever copy gets here first.
        if (payload.isPresent() && payload.get() instanceof RiskClassified) {
            reviews.on(envelope, (RiskClassified) payload.get());
        }
    }
}
