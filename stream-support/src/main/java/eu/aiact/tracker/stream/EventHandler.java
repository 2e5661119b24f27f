package eu.aiact.tracker.stream;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;

/**
 * A handler of the events topic: every record is read through the {@link EnvelopeCodec} (so that what the codec checks, a signature
 * say, applies to every consumer), must carry when it was recorded and a type this service knows, and copies are dropped by event id.
 * A record that is none of that is a dead letter.
 */
public abstract class EventHandler implements StreamHandler<StreamEvent> {

    private final EnvelopeCodec codec;

    protected EventHandler(EnvelopeCodec codec) {
        this.codec = codec;
    }

    @Override
    public StreamEvent read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new UnreadableRecordException("Not an event envelope: the record has no value");
        }
        EventEnvelope envelope = codec.read(record.value());
        if (envelope.recordedAt() == null) {
            throw new UnreadableRecordException("Envelope of event " + envelope.eventId() + " (" + envelope.type()
                    + ") has no recordedAt");
        }
        if (envelope.sequenceNumber() < 0) {
            throw new UnreadableRecordException("Envelope of event " + envelope.eventId() + " has a negative sequenceNumber "
                    + envelope.sequenceNumber());
        }
        Object payload = codec.payload(envelope).orElseThrow(() -> new UnreadableRecordException("Unknown event type " + envelope.type()
                + " (event " + envelope.eventId() + ")"));
        return new StreamEvent(envelope, payload);
    }

    @Override
    public String idOf(StreamEvent event) {
        return event.envelope().eventId();
    }
}
