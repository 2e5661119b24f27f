package eu.aiact.tracker.notifier.tracking;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

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
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the query service's obligations feed: a system's obligations replace what was known of it (unless older than what is stored); a
 * rulebook change becomes one notice per organisation and version. Redelivered messages change nothing.
 */
@Component
public class ObligationFeedIntake {

    private static final Logger log = LoggerFactory.getLogger(ObligationFeedIntake.class);

    private final JsonMapper json;
    private final TrackingRepository tracking;
    private final AlertOutbox outbox;
    private final AlertDecider decider;
    private final NotifierClock clock;

    public ObligationFeedIntake(JsonMapper json, TrackingRepository tracking, AlertOutbox outbox, AlertDecider decider, NotifierClock clock) {
        this.json = json;
        this.tracking = tracking;
        this.outbox = outbox;
        this.decider = decider;
        this.clock = clock;
    }

    @KafkaListener(id = "notifier-obligations", idIsGroup = false, topics = "${tracker.obligations-topic:aiact.obligations}")
    @Transactional
    public void on(ConsumerRecord<String, String> record) {
        ObligationFeedMessage message = json.readValue(record.value(), ObligationFeedMessage.class);
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
