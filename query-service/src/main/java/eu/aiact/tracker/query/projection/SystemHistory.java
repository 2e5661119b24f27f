package eu.aiact.tracker.query.projection;

import eu.aiact.tracker.domain.system.AiSystemRecord;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The {@code system_event} table: every event of every system, kept as received. */
@Repository
public class SystemHistory {

    private static final TypeReference<Map<String, String>> METADATA = new TypeReference<>() {
    };

    /** 9 parameters a row: far below PostgreSQL's 32,767 parameters per statement. */
    private static final int ROWS_PER_INSERT = 1000;

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final EnvelopeCodec codec;

    public SystemHistory(JdbcTemplate jdbc, JsonMapper json, EnvelopeCodec codec) {
        this.jdbc = jdbc;
        this.json = json;
        this.codec = codec;
    }

    /**
     * Appends these events (distinct event ids), up to {@value #ROWS_PER_INSERT} in one multi-row statement; answers the ids of the events
     * that were not there yet (the others are redeliveries, not to be applied twice).
     */
    public Set<String> appendAll(List<EventEnvelope> envelopes) {
        Set<String> inserted = new HashSet<>();
        for (int from = 0; from < envelopes.size(); from += ROWS_PER_INSERT) {
            List<EventEnvelope> chunk = envelopes.subList(from, Math.min(envelopes.size(), from + ROWS_PER_INSERT));
            StringBuilder sql = new StringBuilder("""
                    INSERT INTO system_event (event_id, system_id, sequence_number, global_index, type, effective_date, recorded_at,
                                              metadata, payload)
                    VALUES """);
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)");
            }
            sql.append(" ON CONFLICT (event_id) DO NOTHING RETURNING event_id");
            jdbc.query(connection -> {
                PreparedStatement ps = connection.prepareStatement(sql.toString());
                int p = 1;
                for (EventEnvelope envelope : chunk) {
                    JsonNode effective = envelope.payload().get("effectiveDate");
                    ps.setString(p++, envelope.eventId());
                    ps.setString(p++, envelope.aggregateId());
                    ps.setLong(p++, envelope.sequenceNumber());
                    ps.setLong(p++, envelope.globalIndex());
                    ps.setString(p++, envelope.type());
                    if (effective == null || effective.isNull()) {
                        ps.setNull(p++, Types.DATE);
                    } else {
                        ps.setDate(p++, java.sql.Date.valueOf(LocalDate.parse(effective.asString())));
                    }
                    ps.setTimestamp(p++, Timestamp.from(envelope.recordedAt()));
                    ps.setString(p++, json.writeValueAsString(envelope.metadata() == null ? Map.of() : envelope.metadata()));
                    ps.setString(p++, json.writeValueAsString(envelope.payload()));
                }
                return ps;
            }, rs -> {
                inserted.add(rs.getString(1));
            });
        }
        return inserted;
    }

    /** The columns a rebuild copies into the fresh history table: the history's, and where the replay read each event. */
    static final String COLUMNS = "event_id, system_id, sequence_number, global_index, type, effective_date, recorded_at, metadata, payload,"
            + " replay_partition, replay_offset, replay_recorded_at";

    /**
     * A rebuild's replay: appends these events to the fresh history table ({@link FreshTables}) with one {@code COPY}, in the caller's
     * transaction, as they come (copies included: the rebuild's end folds the table in order and drops them), each with the partition
     * and offset it was read from and its exact recording time (the history's column keeps microseconds; the live projection folds the
     * envelope's instant).
     */
    public void stage(List<eu.aiact.tracker.stream.StreamMessage<eu.aiact.tracker.stream.StreamEvent>> messages) {
        if (messages.isEmpty()) {
            return;
        }
        CopyRows rows = new CopyRows();
        for (var message : messages) {
            EventEnvelope envelope = message.value().envelope();
            JsonNode effective = envelope.payload().get("effectiveDate");
            rows.value(envelope.eventId()).value(envelope.aggregateId()).value(envelope.sequenceNumber()).value(envelope.globalIndex())
                    .value(envelope.type())
                    .value(effective == null || effective.isNull() ? null : LocalDate.parse(effective.asString()))
                    .value(envelope.recordedAt())
                    .value(json.writeValueAsString(envelope.metadata() == null ? Map.of() : envelope.metadata()))
                    .value(json.writeValueAsString(envelope.payload()))
                    .value(message.record().partition()).value(message.record().offset())
                    .value(envelope.recordedAt().toString()).endRow();
        }
        jdbc.execute((org.springframework.jdbc.core.ConnectionCallback<Long>) connection -> rows.copyInto(connection,
                FreshTables.next("system_event"), COLUMNS));
    }

    public List<HistoryEntry> of(String systemId, int limit, int offset) {
        return jdbc.query("SELECT * FROM system_event WHERE system_id = ? ORDER BY sequence_number LIMIT ? OFFSET ?", this::entry,
                systemId, limit, offset);
    }

    /**
     * The system as it was known at {@code knownAt}: its events recorded before that moment, folded in order. Empty when none was
     * recorded yet.
     */
    public Optional<AiSystemRecord> stateKnownAt(String systemId, Instant knownAt) {
        return stateAt(systemId, knownAt, null);
    }

    /**
     * The system as it was on {@code effectiveOn} (null: with every fact, whatever its date) according to the records made before
     * {@code knownAt}: the events recorded before that moment whose effective date is on or before {@code effectiveOn}, folded in order.
     * Corrections always count (they fix what was recorded, whenever it held). An event without an effective date takes effect on the
     * day it was recorded. Empty when the system was not recorded yet, or did not exist yet on {@code effectiveOn}.
     */
    public Optional<AiSystemRecord> stateAt(String systemId, Instant knownAt, LocalDate effectiveOn) {
        List<HistoryEntry> entries = jdbc.query("""
                SELECT * FROM system_event WHERE system_id = ? AND recorded_at < ?
                  AND (CAST(? AS DATE) IS NULL OR type = 'FactCorrected'
                       OR COALESCE(effective_date, CAST(recorded_at AT TIME ZONE 'UTC' AS DATE)) <= CAST(? AS DATE))
                ORDER BY sequence_number""", this::entry,
                systemId, Timestamp.from(knownAt), effectiveOn == null ? null : java.sql.Date.valueOf(effectiveOn),
                effectiveOn == null ? null : java.sql.Date.valueOf(effectiveOn));
        if (entries.isEmpty() || entries.get(0).sequenceNumber() != 0) {
            return Optional.empty();
        }
        AiSystemRecord state = new AiSystemRecord();
        for (HistoryEntry entry : entries) {
            codec.payload(new EventEnvelope(entry.eventId(), systemId, entry.sequenceNumber(), 0, entry.type(), entry.recordedAt(),
                    entry.metadata(), entry.payload()))
                    .ifPresent(event -> state.apply(event, entry.sequenceNumber(), entry.recordedAt()));
        }
        return Optional.of(state);
    }

    /** The systems of an organisation that were registered before {@code knownAt}. */
    public List<String> systemsOf(String organisation, Instant knownAt) {
        return jdbc.queryForList("""
                SELECT e.system_id FROM system_event e JOIN ai_system s ON s.id = e.system_id
                WHERE s.organisation = ? AND e.sequence_number = 0 AND e.recorded_at < ? ORDER BY s.name, e.system_id""",
                String.class, organisation, Timestamp.from(knownAt));
    }

    private HistoryEntry entry(ResultSet rs, int row) throws SQLException {
        java.sql.Date effective = rs.getDate("effective_date");
        return new HistoryEntry(rs.getString("event_id"), rs.getLong("sequence_number"), rs.getString("type"),
                effective == null ? null : effective.toLocalDate(), rs.getTimestamp("recorded_at").toInstant(),
                json.readValue(rs.getString("metadata"), METADATA), json.readTree(rs.getString("payload")));
    }
}
