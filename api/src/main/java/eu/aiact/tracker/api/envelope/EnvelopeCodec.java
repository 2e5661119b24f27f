package eu.aiact.tracker.api.envelope;

import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads events off the wire: the envelope, verified as one the command service signed ({@link EnvelopeAuthenticity}), then its payload as
 * the published event type it names. Every consumer reads envelopes through here, so every consumer verifies before it projects.
 */
public final class EnvelopeCodec {

    private final JsonMapper json;
    private final EnvelopeAuthenticity authenticity;

    public EnvelopeCodec(JsonMapper json, EnvelopeAuthenticity authenticity) {
        this.json = json;
        this.authenticity = authenticity;
    }

    /**
     * @throws MalformedEventException when the text is not an envelope; {@link UnauthenticatedEventException} (a subtype) when the command
     *         service did not sign it as it is
     */
    public EventEnvelope read(String text) {
        try {
            EventEnvelope envelope = json.readValue(text, EventEnvelope.class);
            if (envelope.eventId() == null || envelope.aggregateId() == null || envelope.type() == null || envelope.payload() == null) {
                throw new MalformedEventException("Envelope lacks eventId, aggregateId, type or payload");
            }
            authenticity.check(envelope);
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
                throw invalid(envelope.eventId(), envelope.type(), e);
            }
        });
    }

    /**
     * A payload stored as JSON text (an event already verified when it was received, kept in a history), read as the published type
     * {@code type} names straight from the text, without a tree in between; empty when this consumer does not know the type.
     */
    public Optional<Object> payload(String eventId, String type, String payload) {
        return EventTypes.classOf(type).map(published -> {
            try {
                return json.readValue(payload, published);
            } catch (JacksonException e) {
                throw invalid(eventId, type, e);
            }
        });
    }

    private static MalformedEventException invalid(String eventId, String type, JacksonException e) {
        return new MalformedEventException("Payload of " + eventId + " is not a valid " + type + ": " + e.getOriginalMessage());
    }
}
