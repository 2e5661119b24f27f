package eu.aiact.tracker.stream;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rebuild generations of the service's consumers, in the database that every instance of the service shares
 * ({@code stream_rebuild}, {@code stream_rebuild_partition}): one request, one start and one finish per generation whatever the number
 * of instances, each partition's progress written in the transaction that replayed it. A transaction-scoped advisory lock per consumer
 * keeps the start and the finish (exclusive) apart from the replaying polls (shared).
 */
public class Rebuilds {

    /** Where a generation is. */
    public enum State {
        REQUESTED,
        REPLAYING,
        DONE
    }

    /** A consumer's running or last generation. */
    public record Generation(long number, State state, Instant requestedAt, Instant replayStartedAt, Instant finishedAt) {

        public boolean active() {
            return state != State.DONE;
        }
    }

    /** One partition of a generation: its end offset when the generation started, and how far it was replayed. */
    public record Partition(long endOffset, long reached) {

        public boolean done() {
            return reached >= endOffset;
        }
    }

    /** The first key of the two-key advisory locks taken here (the second is the consumer's name hashed). */
    private static final int LOCK_SPACE = 210_021;

    private final JdbcTemplate jdbc;

    public Rebuilds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Asks for a new generation (whatever is running is replaced by it). */
    public void request(String consumer) {
        jdbc.update("""
                INSERT INTO stream_rebuild (consumer, generation, status, started_at) VALUES (?, 1, 'REQUESTED', now())
                ON CONFLICT (consumer) DO UPDATE SET generation = stream_rebuild.generation + 1, status = 'REQUESTED', started_at = now(),
                    replay_started_at = NULL, finished_at = NULL""", consumer);
    }

    public Optional<Generation> current(String consumer) {
        return jdbc.query("SELECT * FROM stream_rebuild WHERE consumer = ?", (rs, n) -> new Generation(rs.getLong("generation"),
                State.valueOf(rs.getString("status")), instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("replay_started_at")),
                instant(rs.getTimestamp("finished_at"))), consumer).stream().findFirst();
    }

    /** The running generation, if any. */
    public Optional<Generation> active(String consumer) {
        return current(consumer).filter(Generation::active);
    }

    /** Within a transaction: waits until no start or finish of the consumer's generation is under way, and keeps them out until commit. */
    public void shareLock(String consumer) {
        jdbc.query("SELECT pg_advisory_xact_lock_shared(?, hashtext(?))", rs -> {
        }, LOCK_SPACE, consumer);
    }

    /** Within a transaction: waits until no replaying poll of the consumer is under way, and keeps them out until commit. */
    public void exclusiveLock(String consumer) {
        jdbc.query("SELECT pg_advisory_xact_lock(?, hashtext(?))", rs -> {
        }, LOCK_SPACE, consumer);
    }

    /** The generation is now replaying, from these end offsets (every partition of the consumer's topics). */
    public void started(String consumer, long generation, Map<TopicPartition, Long> endOffsets) {
        jdbc.update("DELETE FROM stream_rebuild_partition WHERE consumer = ?", consumer);
        jdbc.batchUpdate("INSERT INTO stream_rebuild_partition (consumer, topic, partition, end_offset) VALUES (?, ?, ?, ?)",
                endOffsets.entrySet().stream().map(e -> new Object[] {consumer, e.getKey().topic(), e.getKey().partition(), e.getValue()})
                        .toList());
        jdbc.update("UPDATE stream_rebuild SET status = 'REPLAYING', replay_started_at = now() WHERE consumer = ? AND generation = ?",
                consumer, generation);
    }

    /** How far the replay got: the next offset to read of each partition replayed (in the transaction that replayed them). */
    public void reached(String consumer, Map<TopicPartition, Long> next) {
        jdbc.batchUpdate("UPDATE stream_rebuild_partition SET reached = GREATEST(reached, ?) WHERE consumer = ? AND topic = ? AND partition = ?",
                next.entrySet().stream().map(e -> new Object[] {e.getValue(), consumer, e.getKey().topic(), e.getKey().partition()})
                        .toList());
    }

    public Map<TopicPartition, Partition> partitions(String consumer) {
        Map<TopicPartition, Partition> partitions = new HashMap<>();
        jdbc.query("SELECT topic, partition, end_offset, reached FROM stream_rebuild_partition WHERE consumer = ?", rs -> {
            partitions.put(new TopicPartition(rs.getString(1), rs.getInt(2)), new Partition(rs.getLong(3), rs.getLong(4)));
        }, consumer);
        return partitions;
    }

    /** Whether every partition of the running generation was replayed to its end offset. */
    public boolean allReplayed(String consumer) {
        List<Boolean> done = jdbc.queryForList("""
                SELECT bool_and(p.reached >= p.end_offset) FROM stream_rebuild r JOIN stream_rebuild_partition p USING (consumer)
                WHERE r.consumer = ? AND r.status = 'REPLAYING'""", Boolean.class, consumer);
        return !done.isEmpty() && Boolean.TRUE.equals(done.get(0));
    }

    /**
     * The generation is done, at this moment: {@code clock_timestamp()}, not {@code now()}, which is when the finishing transaction
     * began, before the handler's finish (a fold and swap that can take minutes) that the rebuild's time and rate must include.
     */
    public void finished(String consumer, long generation) {
        jdbc.update("UPDATE stream_rebuild SET status = 'DONE', finished_at = clock_timestamp() WHERE consumer = ? AND generation = ?",
                consumer, generation);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
