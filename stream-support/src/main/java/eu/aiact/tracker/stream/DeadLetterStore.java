package eu.aiact.tracker.stream;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The one dead-letter store of the service ({@code stream_dead_letter}): every consumer's records that could not be processed, with their
 * position and the reason, once per consumer and position (a rebuild that meets the same record again adds nothing). Written in the
 * caller's transaction; {@link DeadLetterCopier} copies each new one to {@code <topic>.DLT} after it committed.
 */
public class DeadLetterStore {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterStore.class);

    private final JdbcTemplate jdbc;

    public DeadLetterStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Keeps the record as a dead letter of {@code consumer}; answers false when it was one already. */
    public boolean record(String consumer, ConsumerRecord<String, String> record, Throwable failure, int attempts) {
        return record(consumer, record, Failures.reason(failure), Failures.kind(failure), attempts);
    }

    public boolean record(String consumer, ConsumerRecord<String, String> record, String reason, String failure, int attempts) {
        log.warn("Dead letter of {} at {} after {} attempt(s): {}", consumer, StreamMessage.position(record), attempts, reason);
        return jdbc.update("""
                INSERT INTO stream_dead_letter (consumer, topic, partition, "offset", record_timestamp, message_key, value, reason, failure,
                    attempts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (consumer, topic, partition, "offset") DO NOTHING""", consumer, record.topic(), record.partition(),
                record.offset(), record.timestamp() > 0 ? Timestamp.from(Instant.ofEpochMilli(record.timestamp())) : null,
                bytes(record.key()), bytes(record.value()), Failures.printable(reason, 4000), failure, attempts) > 0;
    }

    /** A message the service could not send (it has no position on a topic): kept with the topic it was meant for. */
    public void recordUnsent(String consumer, String topic, String key, String value, Throwable failure, int attempts) {
        log.warn("Dead letter of {} for {} ({}) after {} attempt(s): {}", consumer, topic, key, attempts, Failures.reason(failure));
        jdbc.update("""
                INSERT INTO stream_dead_letter (consumer, topic, message_key, value, reason, failure, attempts) VALUES (?, ?, ?, ?, ?, ?, ?)""",
                consumer, topic, bytes(key), bytes(value), Failures.reason(failure), Failures.kind(failure), attempts);
    }

    public Optional<DeadLetter> find(long id) {
        return jdbc.query("SELECT * FROM stream_dead_letter WHERE id = ?", DeadLetterStore::row, id).stream().findFirst();
    }

    /** Dead letters in the order they were kept; {@code status}, {@code consumer} and {@code topic} null for all. */
    public List<DeadLetter> list(DeadLetter.Status status, String consumer, String topic, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT * FROM stream_dead_letter WHERE true");
        List<Object> args = new ArrayList<>();
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status.name());
        }
        if (consumer != null) {
            sql.append(" AND consumer = ?");
            args.add(consumer);
        }
        if (topic != null) {
            sql.append(" AND topic = ?");
            args.add(topic);
        }
        sql.append(" ORDER BY id LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbc.query(sql.toString(), DeadLetterStore::row, args.toArray());
    }

    /** How many wait for an administrator, per consumer. */
    public long waiting(String consumer) {
        Long count = jdbc.queryForObject("SELECT count(*) FROM stream_dead_letter WHERE status = 'DEAD' AND consumer = ?", Long.class,
                consumer);
        return count == null ? 0 : count;
    }

    /** Moves a waiting dead letter to {@code status}; false when it is not waiting (any more). */
    public boolean resolve(long id, DeadLetter.Status status, String by, String note) {
        return jdbc.update("UPDATE stream_dead_letter SET status = ?, resolved_at = now(), resolved_by = ?, note = ? "
                + "WHERE id = ? AND status = 'DEAD'", status.name(), by, Failures.printable(note, 2000), id) > 0;
    }

    /** A retry that failed again: the new reason and one attempt more. */
    public void failedAgain(long id, Throwable failure) {
        jdbc.update("UPDATE stream_dead_letter SET reason = ?, failure = ?, attempts = attempts + 1 WHERE id = ?", Failures.reason(failure),
                Failures.kind(failure), id);
    }

    /** Dead letters not yet copied to their dead-letter topic, oldest first. */
    List<DeadLetter> toCopy(int limit) {
        return jdbc.query("SELECT * FROM stream_dead_letter WHERE copied_at IS NULL ORDER BY id LIMIT ?", DeadLetterStore::row, limit);
    }

    void copied(long id) {
        jdbc.update("UPDATE stream_dead_letter SET copied_at = now() WHERE id = ?", id);
    }

    /** The record's text as the bytes it is stored as (NUL included, which PostgreSQL's text refuses). */
    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    private static DeadLetter row(ResultSet rs, int n) throws SQLException {
        Integer partition = (Integer) rs.getObject("partition");
        Long offset = rs.getObject("offset") == null ? null : rs.getLong("offset");
        String topic = rs.getString("topic");
        byte[] key = rs.getBytes("message_key");
        byte[] value = rs.getBytes("value");
        return new DeadLetter(rs.getLong("id"), rs.getString("consumer"), topic, partition, offset,
                partition == null ? topic : topic + "-" + partition + "@" + offset, instant(rs.getTimestamp("record_timestamp")),
                key == null ? null : new String(key, StandardCharsets.UTF_8), value == null ? null : new String(value, StandardCharsets.UTF_8),
                rs.getString("reason"), rs.getString("failure"), rs.getInt("attempts"), DeadLetter.Status.valueOf(rs.getString("status")),
                instant(rs.getTimestamp("dead_at")), instant(rs.getTimestamp("resolved_at")), rs.getString("resolved_by"), rs.getString("note"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
