package eu.aiact.tracker.notifier.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationsMoved;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertDecider;
import eu.aiact.tracker.notifier.alert.AlertKind;
import eu.aiact.tracker.notifier.alert.AlertOutbox;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.alert.MovedDeadline;
import eu.aiact.tracker.notifier.alert.Severity;
import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.intake.IntakeReplay;
import eu.aiact.tracker.stream.StreamHandler;
import eu.aiact.tracker.stream.StreamMessage;
import eu.aiact.tracker.stream.UnreadableRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the query service's obligations feed: a system's obligations replace what was known of it (unless older than what is stored); a
 * rulebook change becomes one notice per organisation and version, when the version's application was recorded recently and the message
 * is not read again by a replay ({@link IntakeReplay}). Redelivered and replayed messages notify nobody. A handler over stream-support: a
 * message that cannot be read (or stored) is a dead letter, so that it never stops the intake.
 */
@Component
public class ObligationFeedIntake implements StreamHandler<ObligationFeedMessage> {

    private static final Logger log = LoggerFactory.getLogger(ObligationFeedIntake.class);

    private final JsonMapper json;
    private final TrackingRepository tracking;
    private final AlertOutbox outbox;
    private final AlertDecider decider;
    private final NotifierClock clock;
    private final IntakeReplay replay;
    private final JdbcTemplate jdbc;
    private final String topic;

    public ObligationFeedIntake(JsonMapper json, TrackingRepository tracking, AlertOutbox outbox, AlertDecider decider, NotifierClock clock,
            IntakeReplay replay, JdbcTemplate jdbc, @Value("${tracker.obligations-topic:aiact.obligations}") String topic) {
        this.topic = topic;
        this.json = json;
        this.tracking = tracking;
        this.outbox = outbox;
        this.decider = decider;
        this.clock = clock;
        this.replay = replay;
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "notifier-obligations";
    }

    @Override
    public Collection<String> topics() {
        return List.of(topic);
    }

    @Override
    public ObligationFeedMessage read(ConsumerRecord<String, String> record) {
        if (record.value() == null) {
            throw new UnreadableRecordException("Not an obligations feed message: the record has no value");
        }
        try {
            ObligationFeedMessage message = json.readValue(record.value(), ObligationFeedMessage.class);
            if (message == null) {
                throw new UnreadableRecordException("Not an obligations feed message: null");
            }
            return message;
        } catch (JacksonException e) {
            throw new UnreadableRecordException("Not an obligations feed message: " + e.getOriginalMessage());
        }
    }

    @Override
    public void handle(List<StreamMessage<ObligationFeedMessage>> messages) {
        for (StreamMessage<ObligationFeedMessage> message : messages) {
            on(message.value(), message.record());
        }
    }

    /** A replay (POST /api/admin/intake/replay) reads the feed again: the newest evaluation of each system wins, so nothing is emptied. */
    @Override
    public boolean rebuildable() {
        return true;
    }

    @Override
    public void reset() {
        // tracked systems are replaced by newer evaluations only: reading the feed again rebuilds them in place
    }

    private void on(ObligationFeedMessage message, ConsumerRecord<String, String> record) {
        if (message instanceof SystemObligations) {
            SystemObligations obligations = (SystemObligations) message;
            if (tracking.replace(obligations, clock.instant())) {
                log.info("Tracking {} obligations of {} ({}) evaluated at {}", obligations.obligations() == null ? 0
                        : obligations.obligations().size(), obligations.systemId(), obligations.organisation(), obligations.evaluatedAt());
            } else {
                log.info("Ignored obligations of {} evaluated at {}: a newer evaluation is stored", obligations.systemId(),
                        obligations.evaluatedAt());
            }
        } else if (message instanceof ObligationsMoved moved) {
            Instant appliedAt = moved.appliedAt() != null ? moved.appliedAt() : recordedAt(moved.eventId());
            if (!replay.mayNotify(record, appliedAt)) {
                log.info("No notice for the deadlines {} moved for {}: {}", moved.versionId(), moved.organisation(),
                        replay.replayed(record) ? "read again by a replay" : "applied at " + appliedAt + ", long ago (a rebuild sends it again)");
                return;
            }
            Alert stored = outbox.record(movedNotice(moved));
            if (stored != null) {
                log.info("Deadlines moved notice {}", stored.key());
            }
        }
    }

    /** When the notifier's intake saw the event recorded (null when it has not seen it). */
    private Instant recordedAt(String eventId) {
        if (eventId == null) {
            return null;
        }
        List<java.sql.Timestamp> found = jdbc.queryForList("SELECT recorded_at FROM seen_event WHERE event_id = ?", java.sql.Timestamp.class,
                eventId);
        return found.isEmpty() ? null : found.get(0).toInstant();
    }

    Alert movedNotice(ObligationsMoved moved) {
        List<MovedDeadline> moves = new ArrayList<>();
        boolean earlier = false;
        for (ObligationsMoved.Move move : moved.moves() == null ? List.<ObligationsMoved.Move>of() : moved.moves()) {
            moves.add(new MovedDeadline(move.systemId(), move.systemName(), move.code(), move.article(), move.oldDueDate(),
                    move.newDueDate(), move.oldRulebook(), move.newRulebook()));
            if (move.newDueDate() != null && (move.oldDueDate() == null || move.newDueDate().isBefore(move.oldDueDate()))) {
                earlier = true;
            }
        }
        String summary = moves.size() + (moves.size() == 1 ? " deadline moved" : " deadlines moved") + " with rulebook "
                + (moved.title() == null ? moved.versionId() : moved.title()) + " (applicable from " + moved.effectiveDate() + ")";
        String reason = "Rulebook version " + moved.versionId() + " became applicable on " + moved.effectiveDate()
                + (moved.eventId() == null ? "" : " (event " + moved.eventId() + ")")
                + (earlier ? "; at least one deadline came earlier or was added." : ".");
        return new Alert(Alert.key(moved.organisation(), null, null, "DEADLINES-MOVED:" + moved.versionId()), AlertKind.DEADLINES_MOVED,
                earlier ? Severity.WARNING : Severity.INFO, Audience.CIO_OFFICE, moved.organisation(), null, null, null,
                moved.title(), null, "Rulebook version " + moved.versionId(), moved.effectiveDate(), null, null, reason, summary, null,
                moves, clock.realToday(), null);
    }
}
