package eu.aiact.tracker.stream;

import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a service does with the records of a topic, as a plain handler: stream-support polls, batches, drops copies, runs each poll in
 * one database transaction, tells failures apart (see {@link Failures}), keeps the dead letters, rebuilds and watches the lag. A handler
 * bean is found by type; each gets a listener container of its own.
 *
 * @param <T> what a record's value is read as
 */
public interface StreamHandler<T> {

    /** The consumer's name (also its listener id): in dead letters, metrics, health and logs. Unique within the service. */
    String name();

    /** The topics it reads. */
    Collection<String> topics();

    /** Its consumer group, or null for the service's ({@code spring.kafka.consumer.group-id}). */
    default String groupId() {
        return null;
    }

    /**
     * Reads a record's value. Whatever it throws (except a failure of the database or the broker) makes the record a dead letter at
     * once, with the exception's message as the reason: throw {@link UnreadableRecordException} with a clear one.
     */
    T read(ConsumerRecord<String, String> record);

    /** The id by which copies of one message are dropped (an event's id), or null when this handler is idempotent by itself. */
    default String idOf(T message) {
        return null;
    }

    /**
     * Handles the new messages of a poll, in their order, within one transaction (with the dead letters and the ids of the poll). When
     * it throws, the transaction is undone and the records are handled again one at a time, so that only the failing one is kept back.
     */
    void handle(List<StreamMessage<T>> messages);

    /** After the transaction that handled these messages committed (metrics, say). */
    default void committed(List<StreamMessage<T>> messages) {
    }

    /** Whether the handler can rebuild what it keeps from the start of its topics ({@link #reset()}). */
    default boolean rebuildable() {
        return false;
    }

    /** Empties what the handler built from its topics, before a rebuild replays them (in the rebuild's transaction). */
    default void reset() {
        throw new UnsupportedOperationException(name() + " cannot be rebuilt");
    }

    /**
     * A rebuild starts: called once per rebuild, whatever the number of instances of the service (by the one that starts it), in a
     * transaction, before any instance replays a record. By default {@link #reset()}: the handler's tables are emptied and the replay
     * fills them again. A handler that builds fresh tables beside the ones readers use makes them here.
     */
    default void rebuildStarted() {
        reset();
    }

    /**
     * Replays records of a rebuild (in the poll's transaction, every instance its own partitions); by default as {@link #handle}. Records
     * that arrive while the rebuild runs, after the end offsets it started from, come here too until it is finished.
     */
    default void replay(List<StreamMessage<T>> messages) {
        handle(messages);
    }

    /**
     * Every partition has been replayed: called once per rebuild, in a transaction, while no instance replays (nor handles) anything of
     * this consumer; after it commits, records are handled again. A handler that built fresh tables swaps them in here. Nothing by
     * default.
     */
    default void rebuildFinished() {
    }

    /**
     * Asked when the consumer gets its partitions, before it reads anything, in a transaction: true when something (a migration that
     * changed the handler's tables, say) asks for a rebuild; the handler takes the request away here.
     */
    default boolean rebuildRequested() {
        return false;
    }
}
