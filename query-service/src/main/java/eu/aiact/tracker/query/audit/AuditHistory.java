package eu.aiact.tracker.query.audit;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Events of every system from the {@code system_event} table, filtered, paged or streamed for export. */
@Repository
public class AuditHistory {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };
    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    public AuditHistory(JdbcTemplate jdbc, TransactionTemplate transactions, JsonMapper json) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        this.streaming.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    public List<AuditEvent> page(HistoryFilter filter, int limit, int offset) {
        Query query = query(filter);
        query.sql.append(" LIMIT ? OFFSET ?");
        query.args.add(limit);
        query.args.add(offset);
        return jdbc.query(query.sql.toString(), this::event, query.args.toArray());
    }

    /** Every matching event in order, handed one at a time to {@code each}, read with a database cursor (for exports of any size). */
    public void forEach(HistoryFilter filter, Consumer<AuditEvent> each) {
        Query query = query(filter);
        readOnly.executeWithoutResult(status -> streaming.query(query.sql.toString(), rs -> {
            each.accept(event(rs, 0));
        }, query.args.toArray()));
    }

    private static Query query(HistoryFilter filter) {
        Query query = new Query();
        query.sql.append("SELECT e.*, s.organisation AS system_organisation FROM system_event e LEFT JOIN ai_system s ON s.id = e.system_id"
                + " WHERE true");
        if (filter.organisation() != null) {
            query.where(" AND s.organisation = ?", filter.organisation());
        }
        if (filter.systemId() != null) {
            query.where(" AND e.system_id = ?", filter.systemId());
        }
        if (filter.type() != null) {
            query.where(" AND e.type = ?", filter.type());
        }
        if (filter.recordedFrom() != null) {
            query.where(" AND e.recorded_at >= ?", Timestamp.from(filter.recordedFrom()));
        }
        if (filter.recordedTo() != null) {
            query.where(" AND e.recorded_at < ?", Timestamp.from(filter.recordedTo()));
        }
        if (filter.effectiveFrom() != null) {
            query.where(" AND e.effective_date >= ?", Date.valueOf(filter.effectiveFrom()));
        }
        if (filter.effectiveTo() != null) {
            query.where(" AND e.effective_date <= ?", Date.valueOf(filter.effectiveTo()));
        }
        query.sql.append(" ORDER BY e.recorded_at, e.system_id, e.sequence_number");
        return query;
    }

    private AuditEvent event(ResultSet rs, int row) throws SQLException {
        Date effective = rs.getDate("effective_date");
        Map<String, String> metadata = json.readValue(rs.getString("metadata"), METADATA);
        return new AuditEvent(rs.getString("event_id"), rs.getString("system_id"), rs.getString("system_organisation"),
                rs.getLong("sequence_number"), rs.getString("type"), effective == null ? null : effective.toLocalDate(),
                rs.getTimestamp("recorded_at").toInstant(), metadata, json.readTree(rs.getString("payload")));
    }

    private static final class Query {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> args = new ArrayList<>();

        private void where(String condition, Object value) {
            sql.append(condition);
            args.add(value);
        }
    }
}
