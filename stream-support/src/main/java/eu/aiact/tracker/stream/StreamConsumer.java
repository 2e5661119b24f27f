package eu.aiact.tracker.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One handler's consumer: what stream-support does around a {@link StreamHandler}.
 * <ul>
 * <li>A poll is handled in one transaction, with the ids of its messages ({@link ProcessedEvents}: copies are dropped) and the dead
 * letters of the records that cannot be read.</li>
 * <li>When the poll fails for a reason that may go away ({@link Failures#isTransient}: the database or the broker away), the whole poll
 * is tried again with backoff by the container's error handler: nothing is skipped.</li>
 * <li>Otherwise the poll is handled again one record per transaction: the records before the failing one are kept; the failing one is
 * tried {@code permanentAttempts} times and then kept as a dead letter with its reason, and the records after it go on.</li>
 * <li>A rebuild empties what the handler built and replays its topics from the start, with progress; it is started when the consumer
 * gets its partitions, so that it starts again after a crash until it is done.</li>
 * </ul>
 */
public class StreamConsumer<T> extends AbstractConsumerSeekAware implements BatchMessageListener<String, String>, DeadLetterRetrier {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumer.class);

    private final StreamHandler<T> handler;
    private final TransactionTemplate transactions;
    private final ProcessedEvents processed;
    private final DeadLetterStore deadLetters;
    private final StreamProperties properties;
    private final JdbcTemplate jdbc;
    private final StreamOffsets offsets;
    private final RebuildProgress progress;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Runnable restart = () -> {
        throw new IllegalStateException("The consumer is not running");
    };

    StreamConsumer(StreamHandler<T> handler, TransactionTemplate transactions, ProcessedEvents processed, DeadLetterStore deadLetters,
            StreamProperties properties, JdbcTemplate jdbc, StreamOffsets offsets, java.time.Clock clock) {
        this.handler = handler;
        this.transactions = transactions;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.jdbc = jdbc;
        this.offsets = offsets;
        this.progress = new RebuildProgress(handler.name(), clock);
    }

    public String name() {
        return handler.name();
    }

    @Override
    public String consumer() {
        return handler.name();
    }

    public StreamHandler<T> handler() {
        return handler;
    }

    public RebuildProgress progress() {
        return progress;
    }

    void restartWith(Runnable restart) {
        this.restart = restart;
    }

    @Override
    public void onMessage(List<ConsumerRecord<String, String>> records) {
        process(records);
    }

    /**
     * Handles the records of one poll (the container calls this; tests may too).
     *
     * @throws RuntimeException a failure that may go away, for the whole poll (the error handler tries the poll again)
     * @throws BatchListenerFailedException such a failure at one record: the records before it are done
     */
    public void process(List<ConsumerRecord<String, String>> records) {
        if (records.isEmpty()) {
            return;
        }
        lock.lock();
        try {
            if (records.size() > 1) {
                try {
                    List<StreamMessage<T>> done = transactions.execute(status -> attempt(records));
                    committed(records, done);
                    return;
                } catch (RuntimeException failed) {
                    if (Failures.isTransient(failed)) {
                        log.warn("{}: a poll of {} records failed and is tried again ({})", name(), records.size(), failed.toString());
                        throw failed;
                    }
                    log.warn("{}: a poll of {} records could not be handled ({}); handling them one at a time", name(), records.size(),
                            Failures.reason(failed));
                }
            }
            for (int i = 0; i < records.size(); i++) {
                try {
                    oneByOne(records.get(i));
                } catch (RuntimeException failed) {
                    log.warn("{}: {} failed and is tried again ({})", name(), StreamMessage.position(records.get(i)), failed.toString());
                    throw new BatchListenerFailedException(name() + " could not handle " + StreamMessage.position(records.get(i))
                            + " for now", failed, i);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** One record in its own transaction, tried a bounded number of times before it becomes a dead letter; a transient failure is thrown. */
    private void oneByOne(ConsumerRecord<String, String> record) {
        for (int attempt = 1;; attempt++) {
            try {
                List<StreamMessage<T>> done = transactions.execute(status -> attempt(List.of(record)));
                committed(List.of(record), done);
                return;
            } catch (RuntimeException failed) {
                if (Failures.isTransient(failed)) {
                    throw failed;
                }
                if (attempt >= properties.permanentAttempts()) {
                    int attempts = attempt;
                    transactions.executeWithoutResult(status -> deadLetters.record(name(), record, failed, attempts));
                    committed(List.of(record), List.of());
                    return;
                }
                log.info("{}: {} failed (attempt {} of {}): {}", name(), StreamMessage.position(record), attempt,
                        properties.permanentAttempts(), Failures.reason(failed));
                sleep(properties.permanentBackoff().multipliedBy(attempt));
            }
        }
    }

    /** Within the caller's transaction: reads the records (dead letters for the unreadable), drops copies, hands the rest to the handler. */
    private List<StreamMessage<T>> attempt(List<ConsumerRecord<String, String>> records) {
        List<StreamMessage<T>> readable = new ArrayList<>(records.size());
        for (ConsumerRecord<String, String> record : records) {
            T value;
            try {
                value = handler.read(record);
            } catch (RuntimeException unreadable) {
                if (Failures.isTransient(unreadable)) {
                    throw unreadable;
                }
                deadLetters.record(name(), record, unreadable, 1);
                continue;
            }
            readable.add(new StreamMessage<>(record, value));
        }
        List<StreamMessage<T>> fresh = processed.unseen(name(), readable, handler::idOf);
        if (!fresh.isEmpty()) {
            handler.handle(fresh);
        }
        return fresh;
    }

    private void committed(List<ConsumerRecord<String, String>> records, List<StreamMessage<T>> handled) {
        if (progress.running()) {
            records.forEach(r -> progress.replayed(new TopicPartition(r.topic(), r.partition()), r.offset()));
        }
        if (!handled.isEmpty()) {
            handler.committed(handled);
        }
    }

    @Override
    public void retry(DeadLetter letter, String by) {
        if (letter.partition() == null) {
            throw new IllegalStateException("Dead letter " + letter.id() + " has no position to be read again");
        }
        ConsumerRecord<String, String> record = new ConsumerRecord<>(letter.topic(), letter.partition(), letter.offset(),
                letter.recordTimestamp() == null ? -1 : letter.recordTimestamp().toEpochMilli(), TimestampType.CREATE_TIME, -1, -1,
                letter.messageKey(), letter.value(), new RecordHeaders(), java.util.Optional.empty());
        lock.lock();
        try {
            List<StreamMessage<T>> done = transactions.execute(status -> {
                T value = handler.read(record);
                List<StreamMessage<T>> fresh = processed.unseen(name(), List.of(new StreamMessage<>(record, value)), handler::idOf);
                if (!fresh.isEmpty()) {
                    handler.handle(fresh);
                }
                deadLetters.resolve(letter.id(), DeadLetter.Status.RETRIED, by, null);
                return fresh;
            });
            if (!done.isEmpty()) {
                handler.committed(done);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Asks for a rebuild: recorded, then the consumer is restarted; when it gets its partitions again it empties the handler's tables
     * and replays its topics from the start (see {@link #onPartitionsAssigned}).
     */
    public void rebuild() {
        if (!handler.rebuildable()) {
            throw new UnsupportedOperationException(name() + " cannot be rebuilt");
        }
        jdbc.update("INSERT INTO stream_rebuild (consumer) VALUES (?) ON CONFLICT DO NOTHING", name());
        progress.requested();
        restart.run();
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        if (!handler.rebuildable() || assignments.isEmpty()) {
            return;
        }
        Boolean rebuild = transactions.execute(status -> {
            boolean asked = !jdbc.queryForList("SELECT consumer FROM stream_rebuild WHERE consumer = ?", String.class, name()).isEmpty();
            asked |= handler.rebuildRequested();
            if (asked) {
                handler.reset();
                processed.forget(name());
                jdbc.update("INSERT INTO stream_rebuild (consumer) VALUES (?) ON CONFLICT DO NOTHING", name());
            }
            return asked;
        });
        if (Boolean.TRUE.equals(rebuild)) {
            log.info("{}: rebuilding from the start of {}", name(), handler.topics());
            Collection<TopicPartition> partitions = assignments.keySet();
            progress.started(offsets.endOffsets(partitions), () -> jdbc.update("DELETE FROM stream_rebuild WHERE consumer = ?", name()));
            callback.seekToBeginning(partitions);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }
}
