package eu.aiact.tracker.notifier.seen;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertDecider;
import eu.aiact.tracker.notifier.alert.AlertKind;
import eu.aiact.tracker.notifier.alert.AlertOutbox;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.alert.Severity;
import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;
import eu.aiact.tracker.notifier.tracking.TrackingRepository;

/** A high or prohibited risk class that was lowered: one notice to the organisation's reviewers per event. */
@Component
public class ClassificationReviews {

    private final AlertOutbox outbox;
    private final TrackingRepository tracking;
    private final AlertDecider decider;
    private final NotifierClock clock;
    private final JdbcTemplate jdbc;

    public ClassificationReviews(AlertOutbox outbox, TrackingRepository tracking, AlertDecider decider, NotifierClock clock,
            JdbcTemplate jdbc) {
        this.outbox = outbox;
        this.tracking = tracking;
        this.decider = decider;
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** Call in the intake's transaction. @return the notice when it is new */
    public Alert on(EventEnvelope envelope, RiskClassified event) {
        if (!event.flaggedForReview()) {
            return null;
        }
        TrackedSystem system = tracking.find(envelope.aggregateId()).orElse(null);
        String organisation = envelope.metadata() == null ? null : envelope.metadata().get("organisation");
        if (organisation == null && system != null) {
            organisation = system.organisation();
        }
        if (organisation == null) {
            organisation = jdbc.queryForList("SELECT organisation FROM seen_event WHERE system_id = ? AND organisation IS NOT NULL LIMIT 1",
                    String.class, envelope.aggregateId()).stream().findFirst().orElse("(unknown organisation)");
        }
        String name = system != null && system.systemName() != null ? system.systemName() : envelope.aggregateId();
        RiskClass from = event.previousRiskClass();
        String summary = "Risk class lowered from " + from + " to " + event.riskClass() + ", review needed: " + name;
        String reason = "Reclassified with effect from " + event.effectiveDate() + ". Rationale given: " + event.rationale();
        Alert notice = new Alert(Alert.key(organisation, envelope.aggregateId(), null, "CLASSIFICATION-LOWERED:" + envelope.eventId()),
                AlertKind.CLASSIFICATION_LOWERED, from == RiskClass.PROHIBITED ? Severity.HIGH : Severity.WARNING, Audience.REVIEWERS,
                organisation, envelope.aggregateId(), name, null, "Review of a lowered risk classification", "Art. 6", null, null, null,
                null, reason, summary, decider.dashboardLink(envelope.aggregateId()), java.util.List.of(), clock.realToday(), null);
        return outbox.record(notice);
    }
}
