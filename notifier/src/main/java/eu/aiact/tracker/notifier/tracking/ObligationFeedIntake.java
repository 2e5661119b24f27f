package eu.aiact.tracker.notifier.tracking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
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
import eu.aiact.tracker.stream.StreamHandler;
import eu.aiact.tracker.stream.StreamMessage;
import eu.aiact.tracker.stream.UnreadableRecordException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the query service's obligations feed: a system's obligations replace what was known of it (unless older than what is stored); a
 * rulebook change becomes one notice per organisation and version. Redelivered messages change nothing. A handler over stream-support: a
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
    private final String topic;

    public ObligationFeedIntake(JsonMapper json, TrackingRepository tracking, AlertOutbox outbox, AlertDecider decider, NotifierClock clock,
            @Value("${tracker.obligations-topic:aiact.obligations}") String topic) {
        this.topic = topic;
        this.json = json;
        this.tracking = tracking;
        this.outbox = outbox;
        this.decider = decider;
        this.clock = clock;
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
            on(message.value());
        }
    }

    private void on(ObligationFeedMessage message) {
        if (message instanceof SystemObligations) {
            SystemObligations obligations = (SystemObligations) message;
            if (tracking.replace(obligations, clock.instant())) {
                log.info("Tracking {} obligations of {} ({}) evaluated at {}", obligations.obligations() == null ? 0
                        : obligations.obligations().size(), obligations.systemId(), obligations.organisation(), obligations.evaluatedAt());
            } else {
                log.info("Ignored obligations of {} evaluated at {}: a newer evaluation is stored", obligations.systemId(),
                        obligations.evaluatedAt());
            }
        } else if (message instanceof ObligationsMoved) {
            Alert stored = outbox.record(movedNotice((ObligationsMoved) message));
            if (stored != null) {
                log.info("Deadlines moved notice {}", stored.key());
            }
        }
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
                moves, clock.today(), null);
    }
}
