package eu.aiact.tracker.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.audit.ChainedEvent;

/** Reads the {@code event_chain} links with their events, in chain order, streaming (a cursor, not the whole table in memory). */
@Repository
public class EventChainRepository {

    private static final int FETCH_SIZE = 500;
    private static final String LINK_QUERY = """
            SELECT c.position, c.global_index, c.event_identifier, c.previous_hash, c.hash, d.eventidentifier AS stored_id,
                   d.aggregateidentifier, d.sequencenumber, d.type, d.timestamp, d.payloadtype, d.payloadrevision, d.payload, d.metadata,
                   m.hash AS leaf_hash
            FROM event_chain c LEFT JOIN domainevententry d ON d.eventidentifier = c.event_identifier
                 LEFT JOIN merkle_node m ON m.level = 0 AND m.idx = c.position - 1""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public EventChainRepository(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        // one snapshot for every query of a verification: checkpoints, links and pending events as of the same moment
        this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** Runs {@code work} in one read-only transaction that sees the database as of its start. */
    public <T> T inSnapshot(Supplier<T> work) {
        return readOnly.execute(status -> work.get());
    }

    /**
     * Hands every link to {@code each}, in chain order, with its event and the stored tree's leaf, within one read-only transaction (so
     * that PostgreSQL streams with a cursor).
     */
    public void forEachLink(Consumer<ChainLink> each) {
        readOnly.executeWithoutResult(status -> jdbc.query(LINK_QUERY + " ORDER BY c.position", rs -> {
            each.accept(link(rs));
        }));
    }

    /** The link of one event, with the event and its leaf, if the log has integrated it. */
    public java.util.Optional<ChainLink> linkOf(String eventIdentifier) {
        return jdbc.query(LINK_QUERY + " WHERE c.event_identifier = ?", (rs, n) -> link(rs), eventIdentifier).stream().findFirst();
    }

    /**
     * Events in the store up to {@code globalIndex} (the integrated part of the log) that no link covers, lowest global index first:
     * written behind the sequencer's back.
     */
    public java.util.List<String> unchainedEvents(long globalIndex, int limit) {
        return jdbc.queryForList("""
                SELECT d.eventidentifier FROM domainevententry d
                WHERE d.globalindex <= ? AND NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.event_identifier = d.eventidentifier)
                ORDER BY d.globalindex LIMIT ?""", String.class, globalIndex, limit);
    }

    private static ChainLink link(ResultSet rs) throws SQLException {
        ChainedEvent event = rs.getString("stored_id") == null ? null : new ChainedEvent(rs.getString("stored_id"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("type"), rs.getString("timestamp"),
                rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getBytes("payload"), rs.getBytes("metadata"));
        return new ChainLink(rs.getLong("position"), rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getBytes("previous_hash"), rs.getBytes("hash"), event, rs.getBytes("leaf_hash"));
    }
}
