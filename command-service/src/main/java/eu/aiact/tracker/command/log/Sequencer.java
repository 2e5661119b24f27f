package eu.aiact.tracker.command.log;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.audit.MerkleFrontier;
import eu.aiact.tracker.api.audit.MerkleTree;
import eu.aiact.tracker.api.signing.SigningKey;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Integrates committed events into the log, off the append's critical path: one thread, soon after each commit, in the order of the
 * global index, adds each event to the hash chain ({@code event_chain}) and as a leaf to the Merkle tree ({@code merkle_node}), in
 * transactions of up to {@code tracker.log.batch-size} events; and regularly signs a {@link Checkpoint} of the head.
 * <p>
 * Only a contiguous committed prefix is integrated. A global index is handed out before its transaction commits, so a later index can
 * commit first; the sequencer then waits. A gap that lasts longer than {@code gap-grace} is probed (see {@link LogStore#probe}): still
 * held by an open transaction, it keeps waiting; held by no one (rolled back), it is given up for ever and skipped. Everything the
 * sequencer does is derived from what is committed, so a crash anywhere only delays integration: the next start integrates what is
 * committed and not yet in the log.
 * <p>
 * Before signing, the sequencer checks that the stored tree still has the root it built itself and still extends the last checkpoint
 * signed; if not (the database was changed under it), it signs nothing more and logs why.
 */
@Component
public class Sequencer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Sequencer.class);
    private static final String LOCK = "SELECT pg_try_advisory_xact_lock(hashtext('aiact.log.sequencer'))";

    private final LogStore store;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final LogProperties properties;
    private final SigningKey key;
    private final CheckpointTopic topic;
    private final Clock clock;
    private final Timer delay;
    private final Counter givenUp;
    private final AtomicLong treeSize = new AtomicLong();

    private final Object state = new Object();
    private LogStore.Head head;
    private MerkleFrontier frontier;
    private volatile Checkpoint lastSigned;
    private Instant lastSignedAt = Instant.EPOCH;
    private Instant lastPublishAttempt = Instant.EPOCH;
    private String signingHalted;
    private Long gap;
    private long gapSinceNanos;
    private boolean gapReported;

    private volatile boolean running;
    private Thread thread;

    public Sequencer(LogStore store, JdbcTemplate jdbc, PlatformTransactionManager transactionManager, LogProperties properties,
            SigningKey key, CheckpointTopic topic, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.properties = properties;
        this.key = key;
        this.topic = topic;
        this.clock = clock;
        this.delay = Timer.builder("tracker.log.integration.delay").description("From an event's store to its integration into the log")
                .publishPercentiles(0.5, 0.99).register(meters);
        this.givenUp = Counter.builder("tracker.log.gaps.rolled.back").description("Global indexes given up as rolled back").register(meters);
        Gauge.builder("tracker.log.tree.size", treeSize, AtomicLong::get).description("Events integrated into the log").register(meters);
    }

    /** What one round did. */
    public record Round(int integrated, boolean waitingForGap) {
    }

    /** Integrates what is committed, as far as it is contiguous, in one transaction; then looks into a gap that blocks it. */
    public Round integrate() {
        synchronized (state) {
            ensureLoaded();
            Staged staged = transactions.execute(status -> stage());
            if (staged == null || staged.integrated == 0 && staged.gap == null) {
                return new Round(0, false);
            }
            if (staged.integrated > 0) {
                head = staged.head;
                frontier = staged.frontier;
                treeSize.set(frontier.size());
                Instant now = clock.instant();
                for (Instant storedAt : staged.storedAt) {
                    if (storedAt != null) {
                        delay.record(Duration.between(storedAt, now).toNanos(), TimeUnit.NANOSECONDS);
                    }
                }
            }
            lookIntoGap(staged.gap);
            return new Round(staged.integrated, staged.gap != null);
        }
    }

    private record Staged(int integrated, LogStore.Head head, MerkleFrontier frontier, List<Instant> storedAt, Long gap) {
    }

    private Staged stage() {
        if (!Boolean.TRUE.equals(jdbc.queryForObject(LOCK, Boolean.class))) {
            return null; // another instance integrates
        }
        LogStore.Head stored = store.head();
        if (stored.position() != head.position()) {
            log.info("The log's head moved to {} outside this sequencer (another instance?); reloading", stored.position());
            load();
        }
        List<LogStore.StoredEvent> events = store.eventsAfter(head.globalIndex(), properties.batchSize());
        if (events.isEmpty()) {
            return new Staged(0, head, frontier, List.of(), null);
        }
        Set<Long> tombstones = store.tombstones(head.globalIndex(), events.get(events.size() - 1).globalIndex());
        MerkleFrontier next = frontier.copy();
        List<LogStore.Integrated> links = new ArrayList<>();
        List<MerkleFrontier.Node> nodes = new ArrayList<>();
        List<Instant> storedAt = new ArrayList<>();
        long expected = head.globalIndex() + 1;
        long position = head.position();
        byte[] previous = head.hash();
        Long blockedAt = null;
        for (LogStore.StoredEvent event : events) {
            while (expected < event.globalIndex() && tombstones.contains(expected)) {
                expected++;
            }
            if (expected < event.globalIndex()) {
                blockedAt = expected;
                break;
            }
            byte[] content = EventChain.content(event.event());
            byte[] hash = EventChain.hash(previous, event.event());
            links.add(new LogStore.Integrated(++position, event, previous, hash));
            nodes.addAll(next.append(MerkleTree.leafHash(content)));
            storedAt.add(event.storedAt());
            previous = hash;
            expected = event.globalIndex() + 1;
        }
        if (links.isEmpty()) {
            return new Staged(0, head, frontier, List.of(), blockedAt);
        }
        store.write(links, nodes);
        LogStore.Integrated last = links.get(links.size() - 1);
        return new Staged(links.size(), new LogStore.Head(last.position(), last.stored().globalIndex(), last.hash()), next, storedAt,
                blockedAt);
    }

    private void lookIntoGap(Long blockedAt) {
        if (blockedAt == null) {
            gap = null;
            return;
        }
        if (!blockedAt.equals(gap)) {
            gap = blockedAt;
            gapSinceNanos = System.nanoTime();
            gapReported = false;
            return;
        }
        long waited = System.nanoTime() - gapSinceNanos;
        if (waited < properties.gapGrace().toNanos()) {
            return;
        }
        LogStore.Probe probe;
        try {
            probe = transactions.execute(status -> store.probe(blockedAt, properties.probeTimeout().toMillis()));
        } catch (DataAccessException e) {
            if (!LogStore.lockTimeout(e)) {
                throw e;
            }
            probe = LogStore.Probe.STILL_OPEN;
        }
        if (probe == LogStore.Probe.ROLLED_BACK) {
            givenUp.increment();
            log.info("Global index {} was never committed (its transaction rolled back): the log skips it", blockedAt);
            gap = null;
        } else if (probe == LogStore.Probe.STILL_OPEN && !gapReported && waited > Duration.ofSeconds(10).toNanos()) {
            gapReported = true;
            log.warn("The transaction holding global index {} has been open for {} s: the events committed after it wait to be integrated",
                    blockedAt, TimeUnit.NANOSECONDS.toSeconds(waited));
        }
    }

    /**
     * Signs the head when the log has grown since the last checkpoint; answers the latest checkpoint (empty while nothing is signed).
     */
    public Optional<Checkpoint> checkpoint() {
        synchronized (state) {
            ensureLoaded();
            long size = frontier.size();
            if (size == 0 || lastSigned != null && lastSigned.treeSize() >= size || signingHalted != null) {
                return Optional.ofNullable(lastSigned);
            }
            byte[] root = frontier.root();
            String refusal = transactions.execute(status -> refusalToSign(size, root));
            if (refusal != null) {
                signingHalted = refusal;
                log.error("Not signing checkpoints any more: {}. Verify the log (GET /api/audit/chain/verify) against the checkpoints "
                        + "auditors kept and the topic {} holds.", refusal, properties.checkpointsTopic());
                return Optional.ofNullable(lastSigned);
            }
            Checkpoint checkpoint = Checkpoint.sign(properties.origin(), size, root, head.hash(), clock.instant(), key);
            store.save(checkpoint);
            lastSigned = checkpoint;
            lastSignedAt = clock.instant();
            topic.publish(checkpoint, () -> store.published(checkpoint.treeSize()));
            return Optional.of(checkpoint);
        }
    }

    /** Why the stored tree may not be signed at {@code size}, or null. */
    private String refusalToSign(long size, byte[] root) {
        if (!Arrays.equals(store.withTree(nodes -> MerkleTree.root(size, nodes)), root)) {
            return "the stored Merkle tree of " + size + " events does not have the root this service built from the events it integrated";
        }
        Checkpoint previous = lastSigned != null ? lastSigned : store.latestCheckpoint().orElse(null);
        if (previous == null) {
            return null;
        }
        if (!previous.signedBy(key.publicKey())) {
            return "the stored checkpoint of size " + previous.treeSize() + " is not signed by this service's key " + key.keyId();
        }
        if (previous.treeSize() > size) {
            return "the log holds " + size + " events, fewer than the checkpoint of size " + previous.treeSize() + " signed";
        }
        if (!Arrays.equals(store.withTree(nodes -> MerkleTree.root(previous.treeSize(), nodes)), previous.root())) {
            return "the stored tree no longer extends the checkpoint of size " + previous.treeSize() + " signed at " + previous.issuedAt();
        }
        return null;
    }

    /** The checkpoint this process signed last (also when its row was deleted from the database since). */
    public Optional<Checkpoint> lastSigned() {
        return Optional.ofNullable(lastSigned);
    }

    /** Why signing stopped, if it did. */
    public Optional<String> signingHalted() {
        synchronized (state) {
            return Optional.ofNullable(signingHalted);
        }
    }

    /** Forgets what it holds in memory and reads the log's state from the database again, as a restart does. */
    public void reload() {
        synchronized (state) {
            head = null;
            frontier = null;
            lastSigned = null;
            signingHalted = null;
            ensureLoaded();
        }
    }

    private void ensureLoaded() {
        if (head == null) {
            transactions.executeWithoutResult(status -> load());
        }
    }

    /** Reads the head, brings the tree up to the chain (events chained before the tree existed), and rebuilds the frontier. */
    private void load() {
        LogStore.Head chainHead = store.head();
        long size = store.treeSize();
        if (size > chainHead.position()) {
            throw new IllegalStateException("the Merkle tree holds a leaf at position " + size + ", the hash chain only "
                    + chainHead.position() + " links: the log's tables were changed outside the sequencer");
        }
        MerkleFrontier loaded = store.withTree(nodes -> MerkleFrontier.of(size, nodes));
        if (size < chainHead.position()) {
            log.info("Adding {} chained events to the Merkle tree", chainHead.position() - size);
            while (loaded.size() < chainHead.position()) {
                List<MerkleFrontier.Node> nodes = new ArrayList<>();
                for (LogStore.StoredEvent event : store.chainedEvents(loaded.size() + 1, 1000)) {
                    nodes.addAll(loaded.append(MerkleTree.leafHash(EventChain.content(event.event()))));
                }
                if (nodes.isEmpty()) {
                    throw new IllegalStateException("chain position " + (loaded.size() + 1) + " names an event the store does not hold");
                }
                store.writeNodes(nodes);
            }
        }
        head = chainHead;
        frontier = loaded;
        treeSize.set(loaded.size());
        if (lastSigned == null) {
            lastSigned = store.latestCheckpoint().orElse(null);
        }
    }

    // ------------------------------------------------------------------------------------------------------------- the thread

    @Override
    public void start() {
        if (!properties.sequencerEnabled()) {
            log.warn("The log's sequencer is off (tracker.log.sequencer-enabled=false): committed events are not integrated");
            return;
        }
        running = true;
        thread = new Thread(this::run, "log-sequencer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        long backoffMillis = 0;
        while (running) {
            try {
                Round round = integrate();
                Instant now = clock.instant();
                if (Duration.between(lastSignedAt, now).compareTo(properties.checkpointInterval()) >= 0) {
                    checkpoint();
                }
                if (Duration.between(lastPublishAttempt, now).compareTo(properties.checkpointInterval()) >= 0) {
                    lastPublishAttempt = now;
                    store.unpublishedCheckpoints(100).forEach(c -> topic.publish(c, () -> store.published(c.treeSize())));
                }
                backoffMillis = 0;
                if (round.integrated() == 0) {
                    Thread.sleep(round.waitingForGap() ? 5 : properties.pollInterval().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                backoffMillis = Math.min(30_000, Math.max(500, backoffMillis * 2));
                log.warn("The log's sequencer failed ({}); trying again in {} ms", e.getMessage(), backoffMillis);
                synchronized (state) {
                    head = null; // read the state again from what is committed
                }
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
