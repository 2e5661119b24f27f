package eu.aiact.tracker.notifier.intake;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.NotifierProperties;

/**
 * Whether a record the intake reads may cause a notice (a rulebook version's moved deadlines, a lowered classification): only when it is
 * read for the first time (not before the end offsets recorded when a replay of the intake was asked for) and its cause was recorded
 * recently ({@code tracker.notifier.notice-max-age}). A rebuild of a projection, a re-publication of the event store or a replay of the
 * intake reads old records again: they change what the notifier knows, and notify nobody.
 */
@Component
public class IntakeReplay {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration maxAge;
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();

    public IntakeReplay(JdbcTemplate jdbc, Clock clock, NotifierProperties properties) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.maxAge = properties.noticeMaxAge();
        jdbc.query("SELECT topic, partition, end_offset FROM intake_replay", rs -> {
            ends.put(new TopicPartition(rs.getString("topic"), rs.getInt("partition")), rs.getLong("end_offset"));
        });
    }

    /** Whether the record is read again by a replay (it lies before where the intake stood when the replay was asked for). */
    public boolean replayed(ConsumerRecord<?, ?> record) {
        Long end = ends.get(new TopicPartition(record.topic(), record.partition()));
        return end != null && record.offset() < end;
    }

    /**
     * Whether the record may cause a notice.
     *
     * @param recordedAt when its cause was recorded (null: unknown, taken as recent)
     */
    public boolean mayNotify(ConsumerRecord<?, ?> record, Instant recordedAt) {
        return !replayed(record) && (recordedAt == null || !recordedAt.isBefore(clock.instant().minus(maxAge)));
    }

    /** Records where a replay ends, per partition: the end offsets when it was asked for (records before them notify nobody). */
    public void replayUntil(Map<TopicPartition, Long> endOffsets) {
        Instant now = clock.instant();
        endOffsets.forEach((partition, end) -> {
            jdbc.update("""
                    INSERT INTO intake_replay (topic, partition, end_offset, started_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (topic, partition) DO UPDATE SET end_offset = GREATEST(intake_replay.end_offset, EXCLUDED.end_offset),
                        started_at = EXCLUDED.started_at""", partition.topic(), partition.partition(), end, Timestamp.from(now));
            ends.merge(partition, end, Math::max);
        });
    }

    /** The recorded ends, per partition. */
    public List<Map<String, Object>> boundaries(Collection<String> topics) {
        List<Map<String, Object>> list = new ArrayList<>();
        ends.forEach((partition, end) -> {
            if (topics.contains(partition.topic())) {
                list.add(Map.of("topic", partition.topic(), "partition", partition.partition(), "endOffset", end));
            }
        });
        list.sort(java.util.Comparator.comparing((Map<String, Object> m) -> (String) m.get("topic"))
                .thenComparing(m -> (Integer) m.get("partition")));
        return list;
    }
}
