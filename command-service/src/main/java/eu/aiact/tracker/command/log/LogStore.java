package eu.aiact.tracker.command.log;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.audit.ChainedEvent;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.audit.MerkleFrontier;
import eu.aiact.tracker.api.audit.MerkleTree;

/** The log's tables (V5__transparency_log.sql): chain links, Merkle nodes, index claims and checkpoints. */
@Repository
public class LogStore {

    private final JdbcTemplate jdbc;

    public LogStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The last link of the hash chain: how far the log is integrated. */
    public record Head(long position, long globalIndex, byte[] hash) {
        static final Head EMPTY = new Head(0, 0, EventChain.genesis());
    }

    /** A committed event as the log integrates it. */
    public record StoredEvent(long globalIndex, Instant storedAt, ChainedEvent event) {
    }

    /** A link and a leaf to write. */
    public record Integrated(long position, StoredEvent stored, byte[] previousHash, byte[] hash) {
    }

    /**
     * The last link, with the highest global index the chain covers (the trigger of V3 chained in the order appends took its lock, which
     * can differ slightly from the global index's; the sequencer integrates in global index order).
     */
    public Head head() {
        List<Head> heads = jdbc.query("""
                SELECT c.position, (SELECT max(global_index) FROM event_chain), c.hash FROM event_chain c ORDER BY c.position DESC LIMIT 1""",
                (rs, n) -> new Head(rs.getLong(1), rs.getLong(2), rs.getBytes(3)));
        return heads.isEmpty() ? Head.EMPTY : heads.get(0);
    }

    /** How many leaves the stored tree has. */
    public long treeSize() {
        Long max = jdbc.queryForObject("SELECT max(idx) FROM merkle_node WHERE level = 0", Long.class);
        return max == null ? 0 : max + 1;
    }

    /** Committed events after {@code globalIndex}, lowest first. */
    public List<StoredEvent> eventsAfter(long globalIndex, int limit) {
        return jdbc.query("""
                SELECT globalindex, eventidentifier, aggregateidentifier, sequencenumber, type, timestamp, payloadtype, payloadrevision,
                       payload, metadata
                FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT ?""", (rs, n) -> stored(rs), globalIndex, limit);
    }

    /** Chained events from chain position {@code fromPosition} on, for leaves the tree does not have yet. */
    public List<StoredEvent> chainedEvents(long fromPosition, int limit) {
        return jdbc.query("""
                SELECT d.globalindex, d.eventidentifier, d.aggregateidentifier, d.sequencenumber, d.type, d.timestamp, d.payloadtype,
                       d.payloadrevision, d.payload, d.metadata
                FROM event_chain c JOIN domainevententry d ON d.eventidentifier = c.event_identifier
                WHERE c.position >= ? ORDER BY c.position LIMIT ?""", (rs, n) -> stored(rs), fromPosition, limit);
    }

    /** Global indexes in {@code (after, before)} that the sequencer gave up as rolled back. */
    public Set<Long> tombstones(long after, long before) {
        return new HashSet<>(jdbc.queryForList("""
                SELECT global_index FROM event_index_claim WHERE rolled_back AND global_index > ? AND global_index < ?""", Long.class,
                after, before));
    }

    /** Writes links, leaves and the inner nodes they completed; forgets the claims of the integrated events. */
    public void write(List<Integrated> links, List<MerkleFrontier.Node> nodes) {
        jdbc.batchUpdate("INSERT INTO event_chain (position, global_index, event_identifier, previous_hash, hash) VALUES (?, ?, ?, ?, ?)",
                links, 500, (ps, link) -> {
                    ps.setLong(1, link.position());
                    ps.setLong(2, link.stored().globalIndex());
                    ps.setString(3, link.stored().event().eventIdentifier());
                    ps.setBytes(4, link.previousHash());
                    ps.setBytes(5, link.hash());
                });
        writeNodes(nodes);
        if (!links.isEmpty()) {
            jdbc.update("DELETE FROM event_index_claim WHERE global_index <= ? AND NOT rolled_back",
                    links.get(links.size() - 1).stored().globalIndex());
        }
    }

    public void writeNodes(List<MerkleFrontier.Node> nodes) {
        jdbc.batchUpdate("INSERT INTO merkle_node (level, idx, hash) VALUES (?, ?, ?)", nodes, 1000, (ps, node) -> {
            ps.setInt(1, node.level());
            ps.setLong(2, node.index());
            ps.setBytes(3, node.hash());
        });
    }

    public enum Probe { ROLLED_BACK, COMMITTED, STILL_OPEN }

    /**
     * Whether the transaction that took {@code globalIndex} is still open: a tombstone claim for the index waits for it (the unique key);
     * it is written only when no transaction holds the index, which from then on can never be committed. Runs in the caller's
     * transaction, which must hold nothing else.
     */
    public Probe probe(long globalIndex, long timeoutMillis) {
        jdbc.execute("SET LOCAL lock_timeout = " + Math.max(1, timeoutMillis));
        int written = jdbc.update("""
                INSERT INTO event_index_claim (global_index, rolled_back) VALUES (?, true) ON CONFLICT (global_index) DO NOTHING""",
                globalIndex);
        return written == 1 ? Probe.ROLLED_BACK : Probe.COMMITTED;
    }

    /** Whether a failure is PostgreSQL's lock_timeout (SQL state 55P03): the probed transaction is still open. */
    public static boolean lockTimeout(Throwable failure) {
        for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** The stored perfect subtrees named, with one query. */
    public Map<MerkleTree.NodeKey, byte[]> nodes(Set<MerkleTree.NodeKey> keys) {
        List<MerkleTree.NodeKey> list = new ArrayList<>(keys);
        Integer[] levels = list.stream().map(MerkleTree.NodeKey::level).toArray(Integer[]::new);
        Long[] indexes = list.stream().map(MerkleTree.NodeKey::index).toArray(Long[]::new);
        Map<MerkleTree.NodeKey, byte[]> found = new HashMap<>();
        jdbc.query(connection -> {
            var statement = connection.prepareStatement("""
                    SELECT n.level, n.idx, n.hash FROM merkle_node n
                    JOIN unnest(?::int[], ?::bigint[]) AS k(level, idx) ON n.level = k.level AND n.idx = k.idx""");
            statement.setArray(1, connection.createArrayOf("integer", levels));
            statement.setArray(2, connection.createArrayOf("bigint", indexes));
            return statement;
        }, rs -> {
            found.put(new MerkleTree.NodeKey(rs.getInt(1), rs.getLong(2)), rs.getBytes(3));
        });
        return found;
    }

    /** A computation over the stored tree (a root, a proof), with the nodes it needs fetched at once. */
    public <T> T withTree(java.util.function.Function<MerkleTree.NodeSource, T> computation) {
        return MerkleTree.withNodes(computation, this::nodes);
    }

    /** The chain position of an event, if it is integrated. */
    public Optional<Long> position(String eventIdentifier) {
        return jdbc.queryForList("SELECT position FROM event_chain WHERE event_identifier = ?", Long.class, eventIdentifier).stream()
                .findFirst();
    }

    /** Events committed but not yet integrated: after the head's global index. */
    public long pendingAfter(long globalIndex) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE globalindex > ?", Long.class, globalIndex);
        return count == null ? 0 : count;
    }

    // ----------------------------------------------------------------------------------------------------------- checkpoints

    public void save(Checkpoint checkpoint) {
        jdbc.update("""
                INSERT INTO log_checkpoint (tree_size, origin, root_hash, chain_hash, issued_at, key_id, signature)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tree_size) DO NOTHING""", checkpoint.treeSize(), checkpoint.origin(),
                checkpoint.root(), EventChain.unhex(checkpoint.chainHash()), OffsetDateTime.ofInstant(checkpoint.issuedAt(), ZoneOffset.UTC),
                checkpoint.keyId(), checkpoint.signature());
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return jdbc.query(SELECT_CHECKPOINT + " ORDER BY tree_size DESC LIMIT 1", (rs, n) -> checkpoint(rs)).stream().findFirst();
    }

    public Optional<Checkpoint> checkpoint(long treeSize) {
        return jdbc.query(SELECT_CHECKPOINT + " WHERE tree_size = ?", (rs, n) -> checkpoint(rs), treeSize).stream().findFirst();
    }

    /** Checkpoints after {@code afterSize}, smallest first. */
    public List<Checkpoint> checkpoints(long afterSize, int limit) {
        return jdbc.query(SELECT_CHECKPOINT + " WHERE tree_size > ? ORDER BY tree_size LIMIT ?", (rs, n) -> checkpoint(rs), afterSize, limit);
    }

    public List<Checkpoint> unpublishedCheckpoints(int limit) {
        return jdbc.query(SELECT_CHECKPOINT + " WHERE NOT published ORDER BY tree_size LIMIT ?", (rs, n) -> checkpoint(rs), limit);
    }

    public void published(long treeSize) {
        jdbc.update("UPDATE log_checkpoint SET published = true WHERE tree_size = ?", treeSize);
    }

    private static final String SELECT_CHECKPOINT = """
            SELECT tree_size, origin, root_hash, chain_hash, issued_at, key_id, signature FROM log_checkpoint""";

    private static Checkpoint checkpoint(ResultSet rs) throws SQLException {
        return new Checkpoint(rs.getString("origin"), rs.getLong("tree_size"), EventChain.hex(rs.getBytes("root_hash")),
                EventChain.hex(rs.getBytes("chain_hash")), rs.getObject("issued_at", OffsetDateTime.class).toInstant(), rs.getString("key_id"),
                rs.getString("signature"));
    }

    private static StoredEvent stored(ResultSet rs) throws SQLException {
        ChainedEvent event = new ChainedEvent(rs.getString("eventidentifier"), rs.getString("aggregateidentifier"),
                rs.getLong("sequencenumber"), rs.getString("type"), rs.getString("timestamp"), rs.getString("payloadtype"),
                rs.getString("payloadrevision"), rs.getBytes("payload"), rs.getBytes("metadata"));
        return new StoredEvent(rs.getLong("globalindex"), storedAt(event.timestamp()), event);
    }

    private static Instant storedAt(String timestamp) {
        try {
            return Instant.parse(timestamp);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

}
