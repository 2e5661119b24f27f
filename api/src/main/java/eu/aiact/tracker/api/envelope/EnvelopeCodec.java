package eu.aiact.tracker.api.envelope;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** Reads events off the wire: the envelope, then its payload as the published event type it names. */
public final class EnvelopeCodec {

    private final JsonMapper json;

    public EnvelopeCodec(JsonMapper json) {
        this.json = json;
    }

    /**
     * @throws MalformedEventException when the text is not an envelope
     */
    public EventEnvelope read(String text) {
        try {
            EventEnvelope envelope = json.readValue(text, EventEnvelope.class);
            if (envelope.eventId() == null || envelope.aggregateId() == null || envelope.type() == null || envelope.payload() == null) {
                throw new MalformedEventException("Envelope lacks eventId, aggregateId, type or payload");
            }
            return envelope;
        } catch (JacksonException e) {
            throw new MalformedEventException("Not an event envelope: " + e.getOriginalMessage());
        }
    }

    /** The payload as its published type, or empty when this consumer does not know the type. */
    public Optional<Object> payload(EventEnvelope envelope) {
        return EventTypes.classOf(envelope.type()).map(type -> {
            try {
                return json.treeToValue(envelope.payload(), type);
            } catch (JacksonException e) {
                throw new MalformedEventException("Payload of " + envelope.eventId() + " is not a valid " + envelope.type() + ": "
                        + e.getOriginalMessage());
            }
        });
    }
}
