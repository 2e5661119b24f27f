package eu.aiact.tracker.stream;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
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
 * <li>Otherwise each half of the poll is handled on its own, down to the failing record (the records around it are kept, in a few
 * transactions); the failing one is kept as a dead letter with its reason, at once when trying again cannot help
 * ({@link Failures#isCertain}: unreadable, a value the database refuses), else after {@code permanentAttempts} tries, and the records
 * after it go on.</li>
 * <li>A rebuild is one generation for every instance of the service ({@link Rebuilds}): asked for once, started once (the handler's
 * {@link StreamHandler#rebuildStarted()}, by whichever instance first gets partitions after the request), every partition replayed by
 * the instance that holds it ({@link StreamHandler#replay}) from where the replay got (written in the poll's transaction: a crash or a
 * rebalance goes on from there, nothing is replayed twice or skipped), and finished once, when every partition reached the end offset it
 * had when the generation started ({@link StreamHandler#rebuildFinished()}, while no instance replays). An instance that was consuming
 * when another asked for a rebuild restarts its consumer to join it.</li>
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
    private final Rebuilds rebuilds;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Runnable restart = () -> {
        throw new IllegalStateException("The consumer is not running");
    };
    private final AtomicBoolean restarting = new AtomicBoolean();
    /** The partitions this instance holds, and for which rebuild generation each was positioned (sought to where its replay got). */
    private final Set<TopicPartition> assigned = ConcurrentHashMap.newKeySet();
    private final Map<TopicPartition, Long> positioned = new ConcurrentHashMap<>();
    /** Whether the last poll was a rebuild's replay (then the rebuild may be finished after it). */
    private boolean lastPollReplayed;
    private volatile long nextFinishAttempt;

    StreamConsumer(StreamHandler<T> handler, TransactionTemplate transactions, ProcessedEvents processed, DeadLetterStore deadLetters,
            StreamProperties properties, JdbcTemplate jdbc, StreamOffsets offsets, java.time.Clock clock) {
        this.handler = handler;
        this.transactions = transactions;
        this.processed = processed;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.jdbc = jdbc;
        this.offsets = offsets;
        this.rebuilds = new Rebuilds(jdbc);
        // the rate is measured on the machine's clock (a service's clock may be set to another day)
        this.progress = new RebuildProgress(handler.name(), rebuilds, java.time.Clock.systemUTC());
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

    /** @param restart restarts the consumer's container in the background and runs the runnable it is given once it started again */
    void restartWith(java.util.function.Consumer<Runnable> restart) {
        this.restart = () -> restart.accept(() -> restarting.set(false));
    }

    /** Restarts the consumer (once at a time): it then gets its partitions anew, and joins a rebuild another instance asked for. */
    private void requestRestart() {
        if (restarting.compareAndSet(false, true)) {
            try {
                restart.run();
            } catch (RuntimeException notRunning) {
                restarting.set(false);
                throw notRunning;
            }
        }
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
            handle(records, 0, records.size());
            finishRebuildIfReplayed();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Handles {@code records[from, to)} in one transaction; when that fails for a reason that will not go away, each half is handled on
     * its own (and so on down to the one record that fails), so that the records around a bad one are kept in few transactions.
     */
    private void handle(List<ConsumerRecord<String, String>> records, int from, int to) {
        if (to - from == 1) {
            try {
                oneByOne(records.get(from));
            } catch (RuntimeException failed) {
                log.warn("{}: {} failed and is tried again ({})", name(), StreamMessage.position(records.get(from)), failed.toString());
                throw new BatchListenerFailedException(name() + " could not handle " + StreamMessage.position(records.get(from))
                        + " for now", failed, from);
            }
            return;
        }
        List<ConsumerRecord<String, String>> part = records.subList(from, to);
        try {
            List<StreamMessage<T>> done = transactions.execute(status -> attempt(part));
            committed(part, done);
            return;
        } catch (RuntimeException failed) {
            if (Failures.isTransient(failed)) {
                log.warn("{}: {} records from {} failed and are tried again ({})", name(), part.size(),
                        StreamMessage.position(part.get(0)), failed.toString());
                if (from == 0) {
                    throw failed; // the error handler tries the whole poll again
                }
                throw new BatchListenerFailedException(name() + " could not handle " + StreamMessage.position(part.get(0)) + " for now",
                        failed, from);
            }
            log.warn("{}: {} records from {} could not be handled together ({}); handling each half on its own", name(), part.size(),
                    StreamMessage.position(part.get(0)), Failures.reason(failed));
        }
        int middle = from + (to - from) / 2;
        handle(records, from, middle);
        handle(records, middle, to);
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
                if (attempt >= properties.permanentAttempts() || Failures.isCertain(failed)) {
                    int attempts = attempt;
                    transactions.executeWithoutResult(status -> {
                        Rebuilds.Generation replaying = replaying(List.of(record));
                        deadLetters.record(name(), record, failed, attempts);
                        if (replaying != null) {
                            rebuilds.reached(name(), nextOffsets(List.of(record)));
                        }
                    });
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
        Rebuilds.Generation replaying = replaying(records);
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
            if (replaying != null) {
                handler.replay(fresh);
            } else {
                handler.handle(fresh);
            }
        }
        if (replaying != null) {
            rebuilds.reached(name(), nextOffsets(records));
        }
        lastPollReplayed = replaying != null;
        return fresh;
    }

    /**
     * Within the poll's transaction: the rebuild generation these records are replayed for, or null when they are handled as usual.
     * While a generation runs, the poll shares its lock (a start or finish of the generation waits for it, and it for them); records of a
     * partition this instance has not positioned for the running generation are not handled: the consumer restarts to join it.
     */
    private Rebuilds.Generation replaying(List<ConsumerRecord<String, String>> records) {
        if (!handler.rebuildable() || rebuilds.active(name()).isEmpty()) {
            return null;
        }
        rebuilds.shareLock(name());
        Optional<Rebuilds.Generation> active = rebuilds.active(name());
        if (active.isEmpty()) {
            return null; // finished meanwhile
        }
        long generation = active.get().number();
        if (active.get().state() == Rebuilds.State.REPLAYING
                && records.stream().allMatch(r -> Objects.equals(positioned.get(partitionOf(r)), generation))) {
            return active.get();
        }
        requestRestart();
        throw new RebuildJoinException(name() + ": rebuild generation " + generation + " runs; the consumer restarts to replay its"
                + " partitions from where the rebuild got");
    }

    private static Map<TopicPartition, Long> nextOffsets(List<ConsumerRecord<String, String>> records) {
        Map<TopicPartition, Long> next = new HashMap<>();
        records.forEach(r -> next.merge(partitionOf(r), r.offset() + 1, Math::max));
        return next;
    }

    private static TopicPartition partitionOf(ConsumerRecord<?, ?> record) {
        return new TopicPartition(record.topic(), record.partition());
    }

    private void committed(List<ConsumerRecord<String, String>> records, List<StreamMessage<T>> handled) {
        if (lastPollReplayed) {
            progress.changed();
        }
        if (!handled.isEmpty()) {
            handler.committed(handled);
        }
    }

    /** Whether the record is one the running (or last) rebuild replays: before the end offset its partition had when it started. */
    public boolean replayed(ConsumerRecord<?, ?> record) {
        return progress.replayed(record.topic(), record.partition(), record.offset());
    }

    private void finishRebuildIfReplayed() {
        if (lastPollReplayed) {
            lastPollReplayed = false;
            finishRebuild();
        }
    }

    /**
     * Finishes the running generation if every partition was replayed to its end offset: once, whichever instance comes first, while no
     * instance replays (the exclusive lock). A failure is logged and tried again later (a crash leaves the generation replaying: the next
     * instance to look finishes it).
     */
    void finishRebuild() {
        if (!handler.rebuildable() || System.nanoTime() < nextFinishAttempt) {
            return;
        }
        try {
            long started = System.nanoTime();
            Long finished = transactions.execute(status -> {
                if (!rebuilds.allReplayed(name())) {
                    return null;
                }
                rebuilds.exclusiveLock(name());
                Optional<Rebuilds.Generation> active = rebuilds.active(name());
                if (active.isEmpty() || active.get().state() != Rebuilds.State.REPLAYING || !rebuilds.allReplayed(name())) {
                    return null;
                }
                handler.rebuildFinished();
                rebuilds.finished(name(), active.get().number());
                return active.get().number();
            });
            if (finished != null) {
                progress.changed();
                log.info("{}: rebuild generation {} finished ({} ms to finish it)", name(), finished,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            }
        } catch (RuntimeException failed) {
            nextFinishAttempt = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            log.error("{}: the rebuild could not be finished; tried again in 30 s", name(), failed);
        }
    }

    /**
     * Looked at every few seconds: an instance that holds partitions but has not joined the running generation (another instance asked
     * for it) restarts its consumer to join; a generation whose partitions were all replayed is finished (an instance that replayed the
     * last records of its partitions does it at once; this is for the others, and after a failure).
     */
    void checkRebuild() {
        if (!handler.rebuildable()) {
            return;
        }
        Optional<Rebuilds.Generation> active = rebuilds.active(name());
        if (active.isEmpty()) {
            return;
        }
        long generation = active.get().number();
        boolean joined = active.get().state() == Rebuilds.State.REPLAYING
                && assigned.stream().allMatch(p -> Objects.equals(positioned.get(p), generation));
        if (!joined && !assigned.isEmpty()) {
            log.info("{}: rebuild generation {} runs; restarting the consumer to join it", name(), generation);
            requestRestart();
        }
        if (active.get().state() == Rebuilds.State.REPLAYING) {
            finishRebuild();
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
     * Asks for a rebuild (a new generation, for every instance of the service): recorded, then this instance's consumer is restarted;
     * whichever instance first gets partitions starts it (see {@link #onPartitionsAssigned}), the others join it within seconds.
     */
    public void rebuild() {
        if (!handler.rebuildable()) {
            throw new UnsupportedOperationException(name() + " cannot be rebuilt");
        }
        transactions.executeWithoutResult(status -> rebuilds.request(name()));
        progress.changed();
        requestRestart();
    }

    /**
     * Partitions assigned: a rebuild asked for (over REST, or by the handler: a migration) is started here, once; while one runs, each
     * partition is sought to where its replay got, so that this instance replays it from there.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        assigned.addAll(assignments.keySet());
        if (!handler.rebuildable() || assignments.isEmpty()) {
            return;
        }
        Rebuilds.Generation generation = transactions.execute(status -> {
            if (handler.rebuildRequested()) {
                rebuilds.request(name());
            }
            Optional<Rebuilds.Generation> active = rebuilds.active(name());
            if (active.isPresent() && active.get().state() == Rebuilds.State.REQUESTED) {
                rebuilds.exclusiveLock(name());
                active = rebuilds.active(name());
                if (active.isPresent() && active.get().state() == Rebuilds.State.REQUESTED) {
                    start(active.get());
                    active = rebuilds.active(name());
                }
            }
            return active.orElse(null);
        });
        progress.changed();
        if (generation == null || generation.state() != Rebuilds.State.REPLAYING) {
            return;
        }
        Map<TopicPartition, Rebuilds.Partition> partitions = rebuilds.partitions(name());
        for (TopicPartition partition : assignments.keySet()) {
            Rebuilds.Partition replay = partitions.get(partition);
            if (replay == null || replay.reached() == 0) {
                callback.seekToBeginning(List.of(partition));
            } else {
                callback.seek(partition.topic(), partition.partition(), replay.reached());
            }
            positioned.put(partition, generation.number());
        }
        log.info("{}: replaying {} for rebuild generation {}", name(), assignments.keySet(), generation.number());
    }

    /** Within the transaction that holds the exclusive lock: the generation starts, from the end offsets of every partition now. */
    private void start(Rebuilds.Generation generation) {
        Map<TopicPartition, Long> ends;
        try {
            ends = offsets.endOffsets(offsets.partitions(handler.topics()));
        } catch (Exception e) {
            throw new IllegalStateException(name() + ": the end offsets of " + handler.topics() + " could not be read", e);
        }
        if (ends.isEmpty()) {
            throw new IllegalStateException(name() + ": the end offsets of " + handler.topics() + " could not be read");
        }
        handler.rebuildStarted();
        processed.forget(name());
        rebuilds.started(name(), generation.number(), ends);
        log.info("{}: rebuild generation {} started: {} records of {} to replay", name(), generation.number(),
                ends.values().stream().mapToLong(Long::longValue).sum(), handler.topics());
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        super.onPartitionsRevoked(partitions);
        assigned.removeAll(partitions);
        partitions.forEach(positioned::remove);
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
