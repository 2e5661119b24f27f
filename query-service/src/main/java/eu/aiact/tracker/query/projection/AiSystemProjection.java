package eu.aiact.tracker.query.projection;

import eu.aiact.tracker.domain.system.AiSystemRecord;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.envelope.EnvelopeCodec;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.envelope.EventTypes;
import eu.aiact.tracker.api.rulebook.DeadlinesMoved;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.query.obligation.ObligationProjection;
import eu.aiact.tracker.query.rulebook.RulebookApplicationProjection;
import eu.aiact.tracker.query.rulebook.RulebookApplications;
import eu.aiact.tracker.stream.EventHandler;
import eu.aiact.tracker.stream.RebuildProgress;
import eu.aiact.tracker.stream.StreamConsumer;
import eu.aiact.tracker.stream.StreamConsumers;
import eu.aiact.tracker.stream.StreamEvent;
import eu.aiact.tracker.stream.StreamMessage;
import eu.aiact.tracker.stream.UnreadableRecordException;

/**
 * Feeds the AI system projection, the systems' history and their obligations from the events topic, and hands rulebook applications
 * to their projection: a plain handler over stream-support, which polls, runs each poll in one transaction, keeps the dead letters
 * (unreadable or unknown events, a value the database refuses ...) and rebuilds. The handler is idempotent by itself (an event already in
 * the history is not applied again; a rulebook version already recorded is not applied again), so stream-support keeps no processed ids
 * for it. A rebuild (asked for over REST, or by a migration that changed the projection's shape, through {@code projection_rebuild})
 * replays the topic from its first event into fresh tables and swaps them in when complete ({@link ProjectionRebuild}): readers see the
 * old projection until then. Rulebook applications met during the replay are recorded if they were not; what moved when they became
 * applicable was decided then and is kept.
 */
@Component
public class AiSystemProjection extends EventHandler {

    public static final String LISTENER_ID = "ai-system-projection";
    private static final Logger log = LoggerFactory.getLogger(AiSystemProjection.class);

    private final AiSystemRepository systems;
    private final SystemHistory history;
    private final ObligationProjection obligations;
    private final RulebookApplicationProjection rulebookApplications;
    private final RulebookApplications applications;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Timer lag;
    private final String topic;
    private final ObjectProvider<StreamConsumers> consumers;
    private final ProjectionRebuild rebuild;

    public AiSystemProjection(EnvelopeCodec codec, AiSystemRepository systems, SystemHistory history, ObligationProjection obligations,
            RulebookApplicationProjection rulebookApplications, RulebookApplications applications, JdbcTemplate jdbc, Clock clock,
            MeterRegistry meters, @Value("${tracker.events-topic}") String topic, ObjectProvider<StreamConsumers> consumers,
            ProjectionRebuild rebuild) {
        super(codec);
        this.rebuild = rebuild;
        this.clock = clock;
        this.topic = topic;
        this.consumers = consumers;
        this.lag = Timer.builder("tracker.projection.lag")
                .description("From an event's recordedAt (stored in the command service) to its projection here; not recorded during a rebuild")
                .publishPercentiles(0.5, 0.99)
                .register(meters);
        Gauge.builder("tracker.projection.rebuild.rate", this, p -> p.rebuildProgress().status().eventsPerSecond()).baseUnit("events/s")
                .description("Events per second of the running (or last) rebuild of the AI system projection").register(meters);
        Gauge.builder("tracker.projection.rebuild.events", this, p -> p.rebuildProgress().status().eventsDone())
                .description("Events replayed by the running (or last) rebuild of the AI system projection").register(meters);
        this.systems = systems;
        this.history = history;
        this.obligations = obligations;
        this.rulebookApplications = rulebookApplications;
        this.applications = applications;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return LISTENER_ID;
    }

    @Override
    public Collection<String> topics() {
        return List.of(topic);
    }

    /** The consumer stream-support runs this projection in (for tests and the rebuild). */
    public StreamConsumer<?> consumer() {
        return consumers.getObject().get(LISTENER_ID);
    }

    public RebuildProgress rebuildProgress() {
        return consumer().progress();
    }

    /** Empties the projection and replays the topic from its first event (in the background; see {@link #rebuildProgress()}). */
    public void rebuild() {
        consumer().rebuild();
    }

    /**
     * Projects these events, in order, within the poll's transaction. Set-wise, with the same outcome as projecting them one by one: the
     * history rows of a run of system events are inserted in one statement, the states of their systems read in one query, the events
     * applied in memory in order, and each changed system is then stored, has its obligations evaluated and is queued for the
     * obligations topic once for the whole run. A rulebook application ends a run (it reads every system from the tables, and the
     * events after it see its effect).
     */
    @Override
    public void handle(List<StreamMessage<StreamEvent>> messages) {
        Run run = new Run();
        for (StreamMessage<StreamEvent> message : messages) {
            EventEnvelope envelope = message.value().envelope();
            Object payload = message.value().payload();
            if (payload instanceof RulebookVersionApplied applied) {
                run.project();
                run = new Run();
                rulebookApplications.on(applied, envelope);
            } else if (payload instanceof DeadlinesMoved moved) {
                rulebookApplications.on(moved, envelope, false);
            } else if (EventTypes.isSystemEvent(envelope.type())) {
                run.add(payload, envelope);
            }
        }
        run.project();
    }

    /** After the commit: times how long after it was stored each event became visible here (not during a rebuild). */
    @Override
    public void committed(List<StreamMessage<StreamEvent>> messages) {
        if (rebuildProgress().running()) {
            return;
        }
        for (StreamMessage<StreamEvent> message : messages) {
            lag.record(Duration.between(message.value().envelope().recordedAt(), clock.instant()));
        }
    }

    @Override
    public boolean rebuildable() {
        return true;
    }

    /** A rebuild a migration asked for (a row in {@code projection_rebuild}) is done when the consumer gets its partitions. */
    @Override
    public boolean rebuildRequested() {
        int requested = jdbc.update("DELETE FROM projection_rebuild WHERE projection = ?", LISTENER_ID);
        if (requested > 0) {
            log.info("Rebuilding the AI system projection from the start of the topic, as a migration asked");
        }
        return requested > 0;
    }

    /** Idempotent by itself (see above): no processed ids are kept for it. */
    @Override
    public String idOf(StreamEvent event) {
        return null;
    }

    /** A rebuild starts (once, for every instance): fresh, empty tables beside the ones readers use. */
    @Override
    public void rebuildStarted() {
        rebuild.start();
    }

    /**
     * A poll of the rebuild's replay: its system events are appended to the fresh history (folded at the end), its rulebook applications
     * recorded if they were not (without evaluating anything: the end of the rebuild evaluates every system for today), and what they
     * moved copied where it is missing (nothing announced).
     */
    @Override
    public void replay(List<StreamMessage<StreamEvent>> messages) {
        List<StreamMessage<StreamEvent>> staged = new ArrayList<>(messages.size());
        for (StreamMessage<StreamEvent> message : messages) {
            EventEnvelope envelope = message.value().envelope();
            Object payload = message.value().payload();
            if (payload instanceof RulebookVersionApplied applied) {
                rulebookApplications.record(applied, envelope);
            } else if (payload instanceof DeadlinesMoved moved) {
                rulebookApplications.on(moved, envelope, true);
            } else if (EventTypes.isSystemEvent(envelope.type())) {
                staged.add(message);
            }
        }
        history.stage(staged);
    }

    /** Every partition replayed: the fresh history is folded, evaluated and swapped in ({@link ProjectionRebuild#finish}). */
    @Override
    public void rebuildFinished() {
        rebuild.finish(LISTENER_ID);
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
                if (!state.exists() && !(event.payload() instanceof AiSystemRegistered)) {
                    // all of a system's events share its partition, in order: its registration is missing (or a dead letter)
                    throw new UnreadableRecordException("Event " + envelope.eventId() + " (" + envelope.type() + ") is of AI system "
                            + envelope.aggregateId() + ", which is not registered here: its registration never arrived or is a dead letter");
                }
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
