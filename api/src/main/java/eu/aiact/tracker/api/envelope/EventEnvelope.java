package eu.aiact.tracker.api.envelope;

import java.time.Instant;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * How an event stored in the command service's event store travels on Kafka. The record key is the aggregate identifier, so all events
 * of one AI system land in one partition, in order.
 *
 * @param eventId        Axon's unique event identifier: consumers use it (or aggregateId + sequenceNumber) to drop duplicates
 * @param aggregateId    the AI system the event belongs to
 * @param sequenceNumber the event's position in that system's own stream (0 for the registration)
 * @param globalIndex    the event's position in the whole event store, or -1 where unknown
 * @param type           the event's type name, one of {@link EventTypes}
 * @param recordedAt     when the event was stored
 * @param metadata       who did it and why (actor, correlation id, ...)
 * @param payload        the event itself as JSON
 * @param signature      the command service's signature of every field above ({@link EnvelopeSigner}); consumers accept only envelopes
 *                       it verifies ({@link EnvelopeCodec#read})
 */
public record EventEnvelope(
        String eventId,
        String aggregateId,
        long sequenceNumber,
        long globalIndex,
        String type,
        Instant recordedAt,
        Map<String, String> metadata,
        JsonNode payload,
        EnvelopeSignature signature) {

    /** An envelope not signed (yet). */
    public EventEnvelope(String eventId, String aggregateId, long sequenceNumber, long globalIndex, String type, Instant recordedAt,
            Map<String, String> metadata, JsonNode payload) {
        this(eventId, aggregateId, sequenceNumber, globalIndex, type, recordedAt, metadata, payload, null);
    }

    public EventEnvelope withSignature(EnvelopeSignature newSignature) {
        return new EventEnvelope(eventId, aggregateId, sequenceNumber, globalIndex, type, recordedAt, metadata, payload, newSignature);
    }
}
