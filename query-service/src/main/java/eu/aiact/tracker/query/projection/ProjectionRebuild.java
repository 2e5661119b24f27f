package eu.aiact.tracker.query.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.query.feed.FeedQueue;
import eu.aiact.tracker.query.obligation.ObligationProjection;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.portfolio.PortfolioCounts;
import eu.aiact.tracker.stream.DeadLetterStore;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AI system projection rebuilt in bulk, beside the one readers use. While the topic is replayed, every system event is only appended
 * to a fresh history table ({@link SystemHistory#stage}, one {@code COPY} per poll, no index). When every partition was replayed, the
 * fresh history is read once in each system's order and folded, in slices at once (the systems split by a hash of their id, one slice
 * per processor by default, as many as the connection pool has room for): each system's state is built once, its obligations are
 * evaluated once
 * (for today, under the rulebooks in force today) and both are written to fresh tables with {@code COPY}; copies of an event (a
 * publisher's redelivery) are dropped from the fresh history. Then the fresh tables get their keys and indexes, the portfolio's counts
 * are counted over them ({@link PortfolioCounts#recount}), and all are swapped in, and
 * every system is queued for the obligations topic, in one transaction: readers see the old projection until it commits.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final tools.jackson.core.type.TypeReference<Map<String, String>> METADATA = new tools.jackson.core.type.TypeReference<>() {
    };
    /** Tables rebuilt fresh; the others (rulebook applications, what moved, the feed's queue) are kept. */
    static final String[] TABLES = {"system_event", "ai_system", "obligation", PortfolioCounts.TABLE};
    private static final int SYSTEMS_PER_COPY = 2_000;
    private static final int FETCH = 2_000;
    private static final AtomicInteger FOLD_THREADS = new AtomicInteger();

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    private final FreshTables fresh;
    private final EnvelopeCodec codec;
    private final JsonMapper json;
    private final AiSystemRepository systems;
    private final ObligationProjection obligations;
    private final FeedQueue feed;
    private final DeadLetterStore deadLetters;
    private final String topic;
    private final int slices;

    /**
     * {@code foldSlices}: how many slices of the history are folded at once; 0 (the default) for one per processor, as many as the
     * connection pool ({@code poolSize}) leaves room for.
     */
    public ProjectionRebuild(JdbcTemplate jdbc, DataSource dataSource, FreshTables fresh, EnvelopeCodec codec, JsonMapper json,
            AiSystemRepository systems, ObligationProjection obligations, FeedQueue feed, DeadLetterStore deadLetters,
            @Value("${tracker.events-topic}") String topic, @Value("${tracker.rebuild.fold-slices:0}") int foldSlices,
            @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.fresh = fresh;
        this.codec = codec;
        this.json = json;
        this.systems = systems;
        this.obligations = obligations;
        this.feed = feed;
        this.deadLetters = deadLetters;
        this.topic = topic;
        this.slices = slices(foldSlices, Runtime.getRuntime().availableProcessors(), poolSize);
    }

    /**
     * Connections of the pool the fold leaves to the rest of the service while it runs: the finishing transaction's, one for a thread of
     * this instance that waits for the rebuild's lock meanwhile, and four for the web requests, the feed's publisher and the health
     * checks. Each slice takes two more (a reader and a writer).
     */
    static final int CONNECTIONS_LEFT = 6;

    /**
     * The slices a fold runs in: as configured (0: one per processor), never more than the connection pool has room for: a slice
     * waiting for a connection would fail the fold after the pool's timeout, every time it is tried again.
     */
    static int slices(int configured, int processors, int poolSize) {
        int room = Math.max(1, (poolSize - CONNECTIONS_LEFT) / 2);
        if (configured < 0) {
            throw new IllegalArgumentException("tracker.rebuild.fold-slices must be 0 (one per processor) or more, not " + configured);
        }
        if (configured == 0) {
            return Math.max(1, Math.min(processors, room));
        }
        if (configured > room) {
            throw new IllegalArgumentException("tracker.rebuild.fold-slices=" + configured + " takes " + 2 * configured + " connections"
                    + " while the fold runs, and " + CONNECTIONS_LEFT + " are left to the rest of the service: a pool of at least "
                    + (2 * configured + CONNECTIONS_LEFT) + " (spring.datasource.hikari.maximum-pool-size, now " + poolSize
                    + ") or at most " + room + " slices");
        }
        return configured;
    }

    /** A rebuild starts: fresh, empty copies of the rebuilt tables (what an earlier, unfinished one left is dropped). */
    public void start() {
        fresh.create(TABLES);
        // where the replay read each event: the fold's order within a system, and a dead letter's position (dropped before the swap)
        jdbc.execute("ALTER TABLE " + FreshTables.next("system_event") + " ADD COLUMN replay_partition INT, ADD COLUMN replay_offset BIGINT,"
                + " ADD COLUMN replay_recorded_at TEXT");
    }

    /** What the fold did. */
    public record Folded(long events, long systems, long obligations, long dropped, long foldMillis, long indexMillis, long swapMillis) {
    }

    /**
     * Folds the fresh history into fresh states and obligations, builds their indexes and swaps them in; call in the transaction that
     * finishes the rebuild (nothing is replayed meanwhile). The history is folded in {@code tracker.rebuild.fold-slices} slices at once
     * (the systems split by a hash of their id, every slice on two connections of its own: one reads the slice's history in each
     * system's order, one writes its states and obligations and commits them before the swap: the fresh tables are nobody's until then).
     */
    public Folded finish(String consumer) {
        long t0 = System.nanoTime();
        LocalDate today = obligations.today();
        ApplicableRulebooks inForce = obligations.inForceOn(today);
        jdbc.execute("SET LOCAL work_mem = '256MB'");
        jdbc.execute("SET LOCAL maintenance_work_mem = '256MB'");
        // this transaction waits while the slices fold on their connections: a server's idle-in-transaction timeout must not end it
        // (and with it the rebuild's lock)
        jdbc.execute("SET LOCAL idle_in_transaction_session_timeout = 0");
        try (Connection truncating = dataSource.getConnection()) {
            truncating.setAutoCommit(true);
            try (var truncate = truncating.createStatement()) {
                // an earlier attempt to finish may have written some: the fold writes them all again
                truncate.execute("TRUNCATE " + FreshTables.next("ai_system") + ", " + FreshTables.next("obligation"));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The rebuild's fold could not empty the fresh tables", e);
        }
        List<Fold> folds = foldSlices(today, inForce);
        List<String> copies = new ArrayList<>();
        long events = 0;
        long systemCount = 0;
        long obligationRows = 0;
        List<Refused> refused = new ArrayList<>();
        for (Fold fold : folds) {
            copies.addAll(fold.copies);
            events += fold.events;
            systemCount += fold.systems;
            obligationRows += fold.obligationRows;
            refused.addAll(fold.refused);
        }
        // in the history's order, as one fold read them
        refused.sort(java.util.Comparator.comparing(Refused::system).thenComparingLong(Refused::sequence)
                .thenComparingInt(Refused::partition).thenComparingLong(Refused::offset));
        refused.forEach(letter -> deadLetter(consumer, letter));
        if (!copies.isEmpty()) {
            jdbc.update(connection -> {
                PreparedStatement ps = connection.prepareStatement("DELETE FROM " + FreshTables.next("system_event") + " WHERE ctid = ANY(?::tid[])");
                ps.setArray(1, connection.createArrayOf("text", copies.toArray()));
                return ps;
            });
        }
        jdbc.execute("ALTER TABLE " + FreshTables.next("system_event") + " DROP COLUMN replay_partition, DROP COLUMN replay_offset,"
                + " DROP COLUMN replay_recorded_at");
        long t1 = System.nanoTime();
        for (String table : TABLES) {
            fresh.index(table);
        }
        // the portfolio's counts of the fresh states and obligations (and of what moved, which is kept)
        jdbc.execute((ConnectionCallback<Void>) connection -> {
            PortfolioCounts.recount(connection, FreshTables.next(PortfolioCounts.TABLE), FreshTables.next("ai_system"),
                    FreshTables.next("obligation"), PortfolioCounts.Part.MOVES.table());
            return null;
        });
        long t2 = System.nanoTime();
        for (String table : TABLES) {
            fresh.swap(table);
        }
        int queued = feed.allSystems();
        long t3 = System.nanoTime();
        Folded folded = new Folded(events, systemCount, obligationRows, copies.size(), (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000);
        log.info("Projection rebuilt: {} events of {} systems folded in {} slices, {} obligations evaluated for {}, {} copies dropped, {}"
                + " systems queued for the obligations topic; fold {} ms, indexes and portfolio counts {} ms, swap {} ms", folded.events(),
                folded.systems(), slices, folded.obligations(), today, folded.dropped(), queued, folded.foldMillis(),
                folded.indexMillis(), folded.swapMillis());
        return folded;
    }

    /** Folds every slice of the fresh history at once, each on a thread of its own; answers when all are done (or one failed). */
    private List<Fold> foldSlices(LocalDate today, ApplicableRulebooks inForce) {
        AtomicBoolean abort = new AtomicBoolean();
        List<Fold> folds = new ArrayList<>(slices);
        for (int slice = 0; slice < slices; slice++) {
            folds.add(new Fold(today, inForce, slice, abort));
        }
        ExecutorService threads = Executors.newFixedThreadPool(slices, task -> {
            Thread thread = new Thread(task, "rebuild-fold-" + FOLD_THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = folds.stream().<Future<?>>map(fold -> threads.submit(fold::run)).toList();
            RuntimeException failed = null;
            boolean interrupted = false;
            for (Future<?> slice : running) {
                // every slice is waited for, failed or not (the others stop at their next row): nothing may still write when a later
                // attempt empties the fresh tables
                while (true) {
                    try {
                        slice.get();
                        break;
                    } catch (ExecutionException e) {
                        abort.set(true);
                        // the slice that failed first, not one that stopped because of it
                        if (failed == null || failed instanceof FoldStopped) {
                            failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                        }
                        break;
                    } catch (InterruptedException e) {
                        abort.set(true);
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while the rebuild's fold ran", failed);
            }
            if (failed != null) {
                throw failed;
            }
            return folds;
        } finally {
            threads.shutdown();
        }
    }

    /** A slice that stopped because another failed (or the fold was interrupted). */
    private static final class FoldStopped extends IllegalStateException {

        FoldStopped(String message) {
            super(message);
        }
    }

    /**
     * An event whose system and sequence number another event of the fresh history took: as the live projection does (the history's key
     * refuses it), a dead letter at its position, once however often the topic is replayed.
     */
    private record Refused(String ctid, String eventId, String system, long sequence, long globalIndex, String type,
            java.time.Instant recordedAt, String payload, int partition, long offset, String takenBy) {
    }

    /** Records a refused event's dead letter in the finishing transaction, after the fold (which does not read every event's metadata). */
    private void deadLetter(String consumer, Refused refused) {
        String metadata = jdbc.queryForObject("SELECT metadata::text FROM " + FreshTables.next("system_event") + " WHERE ctid = ?::tid",
                String.class, refused.ctid());
        EventEnvelope envelope = new EventEnvelope(refused.eventId(), refused.system(), refused.sequence(), refused.globalIndex(),
                refused.type(), refused.recordedAt(), json.readValue(metadata, METADATA), json.readTree(refused.payload()));
        deadLetters.record(consumer, new ConsumerRecord<>(topic, refused.partition(), refused.offset(), refused.system(),
                json.writeValueAsString(envelope)), "Sequence number " + refused.sequence() + " of system " + refused.system()
                + " is taken by event " + refused.takenBy() + " (the history keeps one event per system and sequence number)",
                "eu.aiact.tracker.query.projection.ProjectionRebuild$SequenceTaken", 1);
    }

    /** The fold of one slice of the fresh history, read in each system's order. */
    private final class Fold {

        private final LocalDate today;
        private final ApplicableRulebooks inForce;
        private final int slice;
        private final AtomicBoolean abort;
        private Connection writer;
        private String systemId;
        private AiSystemRecord state;
        private String lastEventId;
        private final List<AiSystemRecord> pending = new ArrayList<>(SYSTEMS_PER_COPY);
        private final List<String> copies = new ArrayList<>();
        private final List<Refused> refused = new ArrayList<>();
        private long events;
        private long systems;
        private long obligationRows;

        Fold(LocalDate today, ApplicableRulebooks inForce, int slice, AtomicBoolean abort) {
            this.today = today;
            this.inForce = inForce;
            this.slice = slice;
            this.abort = abort;
        }

        void run() {
            try (Connection reader = dataSource.getConnection(); Connection writing = dataSource.getConnection()) {
                reader.setAutoCommit(false); // a cursor: the slice is read FETCH rows at a time
                writing.setAutoCommit(false);
                writer = writing;
                try (var settings = reader.createStatement()) {
                    // the slices sort at once: 256 MB among them, at least 32 MB each
                    settings.execute("SET LOCAL work_mem = '" + Math.max(32, 256 / slices) + "MB'");
                }
                try (PreparedStatement ps = reader.prepareStatement("""
                        SELECT ctid::text, event_id, system_id, sequence_number, global_index, type, replay_recorded_at, payload::text,
                               replay_partition, replay_offset
                        FROM %s WHERE (hashtext(system_id) & 2147483647) %% ? = ?
                        ORDER BY system_id, sequence_number, replay_partition, replay_offset""".formatted(FreshTables.next("system_event")))) {
                    ps.setInt(1, slices);
                    ps.setInt(2, slice);
                    ps.setFetchSize(FETCH);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            if (abort.get()) {
                                throw new FoldStopped("Slice " + slice + " of the rebuild's fold stopped: another slice failed");
                            }
                            row(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getString(6),
                                    java.time.Instant.parse(rs.getString(7)), rs.getString(8), rs.getInt(9), rs.getLong(10));
                        }
                    }
                }
                end();
                writing.commit();
                reader.commit();
            } catch (SQLException e) {
                throw new IllegalStateException("The rebuild's fold failed (slice " + slice + " of " + slices + ")", e);
            }
        }

        void row(String ctid, String eventId, String system, long sequence, long globalIndex, String type, java.time.Instant recordedAt,
                String payload, int partition, long offset) throws SQLException {
            if (!system.equals(systemId)) {
                endSystem();
                systemId = system;
                state = new AiSystemRecord();
            }
            if (sequence <= state.version()) {
                // a copy of an event already folded (a redelivery), or another event with the same number: not applied, not kept
                copies.add(ctid);
                if (!eventId.equals(lastEventId)) {
                    refused.add(new Refused(ctid, eventId, system, sequence, globalIndex, type, recordedAt, payload, partition, offset,
                            lastEventId));
                }
                return;
            }
            if (sequence != state.version() + 1) {
                log.warn("Event {} of system {} has sequence number {}, expected {}: an earlier event is missing from the topic", eventId,
                        system, sequence, state.version() + 1);
            }
            Object event = codec.payload(eventId, type, payload).orElseThrow(() -> new IllegalStateException("Unknown event type " + type
                    + " in the history (event " + eventId + ")"));
            state.apply(event, sequence, recordedAt);
            lastEventId = eventId;
            events++;
        }

        private void endSystem() throws SQLException {
            if (state == null || state.version() < 0) {
                return;
            }
            pending.add(state);
            systems++;
            state = null;
            if (pending.size() >= SYSTEMS_PER_COPY) {
                flush();
            }
        }

        void end() throws SQLException {
            endSystem();
            flush();
        }

        private void flush() throws SQLException {
            if (pending.isEmpty()) {
                return;
            }
            CopyRows states = new CopyRows();
            pending.forEach(s -> ProjectionRebuild.this.systems.copyRow(states, s));
            states.copyInto(writer, FreshTables.next("ai_system"), AiSystemRepository.COLUMNS);
            CopyRows rows = new CopyRows();
            for (ObligationRepository.Evaluated evaluated : obligations.evaluate(pending, inForce, today)) {
                ObligationRepository.copyRows(rows, evaluated, today);
            }
            obligationRows += rows.count();
            rows.copyInto(writer, FreshTables.next("obligation"), ObligationRepository.COLUMNS);
            pending.clear();
        }
    }
}
