package eu.aiact.tracker.notifier.seen;

import java.time.Clock;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.notifier.intake.IntakeReplay;
import eu.aiact.tracker.stream.EventHandler;
import eu.aiact.tracker.stream.StreamEvent;
import eu.aiact.tracker.stream.StreamMessage;

/**
 * Takes every event from the topic, in the notifier's own consumer group, and records it once; a flagged (lowered) risk classification
 * recorded recently also becomes a notice to the organisation's reviewers, unless it is read again by a replay ({@link IntakeReplay}).
 * A handler over stream-support: copies are dropped by event id, and a record that cannot be read (or stored) is a dead letter, so that
 * it never stops the intake.
 */
@Component
public class EventIntake extends EventHandler {

    private static final Logger log = LoggerFactory.getLogger(EventIntake.class);

    private final SeenEventRepository seen;
    private final Clock clock;
    private final ClassificationReviews reviews;
    private final IntakeReplay replay;

    private final String topic;

    public EventIntake(EnvelopeCodec codec, SeenEventRepository seen, Clock clock, ClassificationReviews reviews, IntakeReplay replay,
            @Value("${tracker.events-topic}") String topic) {
        super(codec);
        this.topic = topic;
        this.seen = seen;
        this.clock = clock;
        this.reviews = reviews;
        this.replay = replay;
    }

    @Override
    public String name() {
        return "notifier-intake";
    }

    @Override
    public Collection<String> topics() {
        return List.of(topic);
    }

    @Override
    public void handle(List<StreamMessage<StreamEvent>> messages) {
        for (StreamMessage<StreamEvent> message : messages) {
            on(message.value().envelope(), message.value().payload(), message);
        }
    }

    /** A replay (POST /api/admin/intake/replay) reads the topic again; what it rebuilds is idempotent, so nothing is emptied first. */
    @Override
    public boolean rebuildable() {
        return true;
    }

    @Override
    public void reset() {
        // seen events are recorded once by id, and nothing else is built here: a replay only reads again
    }

    private void on(EventEnvelope envelope, Object payload, StreamMessage<StreamEvent> message) {
        String organisation = payload instanceof AiSystemRegistered registered ? registered.organisation() : null;
        boolean isNew = seen.record(new SeenEvent(envelope.eventId(), envelope.aggregateId(), envelope.sequenceNumber(), envelope.type(),
                organisation, envelope.recordedAt(), clock.instant()));
        if (isNew) {
            log.info("Recorded {} #{} of AI system {}", envelope.type(), envelope.sequenceNumber(), envelope.aggregateId());
        }
        // Also on a redelivery: the notice is keyed by event id, so it is stored once whichever copy gets here first. Not when read
        // again by a replay, nor for a classification recorded long ago (a re-publication of the event store).
        if (payload instanceof RiskClassified classified && replay.mayNotify(message.record(), envelope.recordedAt())) {
            reviews.on(envelope, classified);
        }
    }
}
