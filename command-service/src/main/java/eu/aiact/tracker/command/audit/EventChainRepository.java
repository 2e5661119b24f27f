package eu.aiact.tracker.command.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.audit.ChainedEvent;

/** Reads the {@code event_chain} links with their events, in chain order, streaming (a cursor, not the whole table in memory). */
@Repository
public class EventChainRepository {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    public EventChainRepository(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = new JdbcTemplate(jdbc.getDataSource());
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
    }

    /** Hands every link to {@code each}, in chain order, within one read-only transaction (so that PostgreSQL streams with a cursor). */
    public void forEachLink(Consumer<ChainLink> each) {
        readOnly.executeWithoutResult(status -> jdbc.query("""
                SELECT c.position, c.global_index, c.event_identifier, c.previous_hash, c.hash, d.eventidentifier AS stored_id,
                       d.aggregateidentifier, d.sequencenumber, d.type, d.timestamp, d.payloadtype, d.payloadrevision, d.payload, d.metadata
                FROM event_chain c LEFT JOIN domainevententry d ON d.eventidentifier = c.event_identifier
                ORDER BY c.position""", rs -> {
            each.accept(link(rs));
        }));
    }

    /** Events in the store that no link covers (appended around the trigger), lowest global index first. */
    public java.util.List<String> unchainedEvents(int limit) {
        return jdbc.queryForList("""
                SELECT d.eventidentifier FROM domainevententry d
                WHERE NOT EXISTS (SELECT 1 FROM event_chain c WHERE c.event_identifier = d.eventidentifier)
                ORDER BY d.globalindex LIMIT ?""", String.class, limit);
    }

    private static ChainLink link(ResultSet rs) throws SQLException {
        ChainedEvent event = rs.getString("stored_id") == null ? null : new ChainedEvent(rs.getString("stored_id"),
                rs.getString("aggregateidentifier"), rs.getLong("sequencenumber"), rs.getString("type"), rs.getString("timestamp"),
                rs.getString("payloadtype"), rs.getString("payloadrevision"), rs.getBytes("payload"), rs.getBytes("metadata"));
        return new ChainLink(rs.getLong("position"), rs.getLong("global_index"), rs.getString("event_identifier"),
                rs.getBytes("previous_hash"), rs.getBytes("hash"), event);
    }
}
