package eu.aiact.tracker.api.audit;

/**
 * One stored event as the tamper-evident chain covers it: every column of the event store's row that carries meaning. The byte arrays
 * are the stored (serialized) payload and metadata, exactly as kept.
 */
public record ChainedEvent(
        String eventIdentifier,
        String aggregateIdentifier,
        long sequenceNumber,
        String type,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metadata) {
}
