package eu.aiact.tracker.query.projection;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Messages the projection cannot read: recorded in {@code dead_letter} with the reason, and copied to {@code <topic>.DLT} with the reason
 * and origin in headers, so that processing goes on and an operator can see them ({@code GET /api/admin/dead-letters}).
 */
@Component
public class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** One dead letter as an operator sees it. */
    public record DeadLetter(long id, String topic, int partition, long offset, String messageKey, String value, String reason,
            Instant receivedAt) {
    }

    private final JdbcTemplate jdbc;
    private final KafkaTemplate<String, String> kafka;

    public DeadLetters(JdbcTemplate jdbc, KafkaTemplate<String, String> kafka) {
        this.jdbc = jdbc;
        this.kafka = kafka;
    }

    public void record(ConsumerRecord<String, String> record, String reason) {
        log.warn("Dead letter from {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        int stored = jdbc.update("""
                INSERT INTO dead_letter (topic, partition, "offset", message_key, value, reason) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (topic, partition, "offset") DO NOTHING""", record.topic(), record.partition(), record.offset(), record.key(),
                record.value(), reason);
        if (stored == 0) {
            return;
        }
        ProducerRecord<String, String> copy = new ProducerRecord<>(record.topic() + ".DLT", record.key(), record.value());
        copy.headers().add("dlt-reason", reason.getBytes(StandardCharsets.UTF_8));
        copy.headers().add("dlt-origin", (record.topic() + "-" + record.partition() + "@" + record.offset()).getBytes(StandardCharsets.UTF_8));
        try {
            kafka.send(copy).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing a dead letter", e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not write the dead letter to " + copy.topic() + "; the message will be read again", e);
        }
    }

    public List<DeadLetter> list(int limit, int offset) {
        return jdbc.query("SELECT * FROM dead_letter ORDER BY id LIMIT ? OFFSET ?", DeadLetters::row, limit, offset);
    }

    private static DeadLetter row(ResultSet rs, int n) throws SQLException {
        return new DeadLetter(rs.getLong("id"), rs.getString("topic"), rs.getInt("partition"), rs.getLong("offset"),
                rs.getString("message_key"), rs.getString("value"), rs.getString("reason"), rs.getTimestamp("received_at").toInstant());
    }
}
