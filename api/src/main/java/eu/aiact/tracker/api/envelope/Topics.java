package eu.aiact.tracker.api.envelope;

/**
 * Kafka topic names shared by producer and consumers. Each service can override them through configuration; these are the defaults.
 */
public final class Topics {

    /** Every event stored in the event store, keyed by AI system id. */
    public static final String EVENTS = "aiact.events";

    private Topics() {
    }
}
