package eu.aiact.tracker.query.projection;

import eu.aiact.tracker.domain.system.AiSystemRecord;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.AbstractConsumerSeekAware;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.envelope.EventTypes;
import eu.aiact.tracker.api.envelope.MalformedEventException;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.query.obligation.ObligationProjection;
import eu.aiact.tracker.query.rulebook.RulebookApplicationProjection;
import eu.aiact.tracker.query.rulebook.RulebookApplications;

/**
 * Feeds the AI system projection, the systems' history and their obligations from the events topic, and hands rulebook applications
 * to their projection. Its position is the consumer group's committed offset; an event already in the history is not applied again.
 * A rebuild (asked for over REST, or by a migration that changed the projection's shape) empties all these tables and replays the
 * topic from its first event.
 */
@Component
public class AiSystemProjection extends AbstractConsumerSeekAware {

    public static final String LISTENER_ID = "ai-system-projection";
    private static final Logger log = LoggerFactory.getLogger(AiSystemProjection.class);

    private final EnvelopeCodec codec;
    private final AiSystemRepository systems;
    private final SystemHistory history;
    private final ObligationProjection obligations;
    private final RulebookApplicationProjection rulebookApplications;
    private final RulebookApplications applications;
    private final RebuildProgress rebuild;
    private final DeadLetters deadLetters;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Timer lag;
    private final TransactionTemplate transactions;

    public AiSystemProjection(EnvelopeCodec codec, AiSystemRepository systems, SystemHistory history, ObligationProjection obligations,
            RulebookApplicationProjection rulebookApplications, RulebookApplications applications, RebuildProgress rebuild,
            DeadLetters deadLetters, JdbcTemplate jdbc, Clock clock, MeterRegistry meters, TransactionTemplate transactions) {
        this.clock = clock;
        this.transactions = transactions;
        this.lag = Timer.builder("tracker.projection.lag")
                .description("From an event's recordedAt (stored in the command service) to its projection here; not recorded during a rebuild")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        this.rebuild = rebuild;
        this.deadLetters = deadLetters;
        this.codec = codec;
        this.systems = systems;
        this.history = history;
        this.obligations = obligations;
        this.rulebookApplications = rulebookApplications;
        this.applications = applications;
        this.jdbc = jdbc;
    }

    /**
     * Projects what one poll returned in one transaction (one commit for up to {@code max.poll.records} events instead of one each), and
     * set-wise (see {@link #project(List)}). When the batch cannot be projected, it is undone and projected again one event per
     * transaction: the events before the bad one are kept, and the error handler retries the bad one with backoff until it succeeds (see
     * ListenerErrorHandling; messages that cannot be read at all are dead letters, not failures).
     */
    @KafkaListener(id = LISTENER_ID, idIsGroup = false, topics = "${tracker.events-topic}", batch = "true")
    public void on(List<ConsumerRecord<String, String>> records) {
        Instant[] recordedAt;
        try {
            recordedAt = transactions.execute(status -> project(records));
        } catch (RuntimeException batchFailed) {
            log.warn("A batch of {} events could not be projected ({}); projecting them one at a time", records.size(), batchFailed.toString());
            for (int i = 0; i < records.size(); i++) {
                ConsumerRecord<String, String> record = records.get(i);
                Instant one;
                try {
                    one = transactions.execute(status -> project(List.of(record)))[0];
                } catch (RuntimeException e) {
                    rebuild.replayed(record.partition(), record.offset()); // a rebuild counts it even when it is finally skipped
                    throw new BatchListenerFailedException("Could not project " + record.topic() + "-" + record.partition() + "@"
                            + record.offset(), e, i);
                }
                projected(record, one);
            }
            return;
        }
        for (int i = 0; i < records.size(); i++) {
            projected(records.get(i), recordedAt[i]);
        }
    }

    /**
     * Projects these events, in order, within the caller's transaction; answers for each when it was stored in the command service (null
     * for a message that could not be read). Set-wise, with the same outcome as projecting them one by one: the history rows of a run of
     * system events are inserted in one statement, the states of their systems read in one query, the events applied in memory in order,
     * and each changed system is then stored, has its obligations evaluated and is queued for the obligations topic once for the whole
     * run. A rulebook application ends a run (it reads every system from the tables, and the events after it see its effect).
     */
    private Instant[] project(List<ConsumerRecord<String, String>> records) {
        Instant[] recordedAt = new Instant[records.size()];
        Run run = new Run();
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, String> record = records.get(i);
            EventEnvelope envelope;
            Object payload;
            try {
                envelope = codec.read(record.value());
                payload = codec.payload(envelope).orElse(null);
            } catch (MalformedEventException malformed) {
                deadLetters.record(record, malformed.getMessage());
                continue;
            }
            if (payload == null) {
                deadLetters.record(record, "Unknown event type " + envelope.type() + " (event " + envelope.eventId() + ")");
            } else if (payload instanceof RulebookVersionApplied applied) {
                run.project();
                run = new Run();
                rulebookApplications.on(applied, envelope);
            } else if (EventTypes.isSystemEvent(envelope.type())) {
                run.add(payload, envelope);
            }
            recordedAt[i] = envelope.recordedAt();
        }
        run.project();
        return recordedAt;
    }

    /** After the commit: counts the event for a running rebuild, or else times how long after it was stored it became visible here. */
    private void projected(ConsumerRecord<String, String> record, Instant recordedAt) {
        if (rebuild.running()) {
            rebuild.replayed(record.partition(), record.offset());
        } else if (recordedAt != null) {
            lag.record(Duration.between(recordedAt, clock.instant()));
        }
    }

    /** Empties the projection and replays the topic from its first event. */
    @Transactional
    public void rebuild() {
        empty();
        rebuild.started();
        seekToBeginning();
    }

    /** A rebuild a migration asked for is done when the consumer gets its partitions, before it reads anything. */
    @Override
    @Transactional
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        super.onPartitionsAssigned(assignments, callback);
        int requested = jdbc.update("DELETE FROM projection_rebuild WHERE projection = ?", LISTENER_ID);
        if (requested > 0) {
            log.info("Rebuilding the AI system projection from the start of the topic, as a migration asked");
            empty();
            rebuild.started();
            callback.seekToBeginning(assignments.keySet());
        }
    }

    private void empty() {
        systems.deleteAll();
        history.deleteAll();
        obligations.deleteAll();
        applications.deleteAll();
    }

    /** A run of system events of one batch, projected together. */
    private final class Run {

        private record Event(Object payload, EventEnvelope envelope) {
        }

        private final List<Event> events = new ArrayList<>();

        void add(Object payload, EventEnvelope envelope) {
            events.add(new Event(payload, envelope));
        }

        void project() {
            if (events.isEmpty()) {
                return;
            }
            // The history, first: an event already there (a redelivery), or met earlier in this run, is not applied again.
            Map<String, EventEnvelope> distinct = new LinkedHashMap<>();
            events.forEach(e -> distinct.putIfAbsent(e.envelope().eventId(), e.envelope()));
            Set<String> inserted = history.appendAll(List.copyOf(distinct.values()));
            Set<String> systemIds = new LinkedHashSet<>();
            for (EventEnvelope envelope : distinct.values()) {
                if (inserted.contains(envelope.eventId())) {
                    systemIds.add(envelope.aggregateId());
                }
            }
            Map<String, AiSystemRecord> states = systems.findAll(systemIds);
            // in the order of each system's last applied event, as one by one the last event of a system queued it last
            Map<String, AiSystemRecord> changed = new LinkedHashMap<>();
            for (Event event : events) {
                EventEnvelope envelope = event.envelope();
                if (!inserted.remove(envelope.eventId())) {
                    continue;
                }
                AiSystemRecord state = states.computeIfAbsent(envelope.aggregateId(), id -> new AiSystemRecord());
                if (envelope.sequenceNumber() <= state.version()) {
                    continue;
                }
                if (envelope.sequenceNumber() != state.version() + 1) {
                    log.warn("Event {} of system {} has sequence number {}, expected {}: an earlier event is missing from the topic",
                            envelope.eventId(), envelope.aggregateId(), envelope.sequenceNumber(), state.version() + 1);
                }
                state.apply(event.payload(), envelope.sequenceNumber(), envelope.recordedAt());
                changed.remove(envelope.aggregateId());
                changed.put(envelope.aggregateId(), state);
            }
            List<AiSystemRecord> toStore = List.copyOf(changed.values());
            systems.saveAll(toStore);
            obligations.refresh(toStore);
        }
    }
}
