package eu.aiact.tracker.notifier.alert;

import java.time.Clock;
import java.time.LocalDate;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.delivery.Channel;
import eu.aiact.tracker.notifier.delivery.DeliveryRepository;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores an alert and its pending deliveries in the caller's transaction (the outbox): either the alert and all its deliveries are
 * committed, or none is and the decision is made again next time. The dispatcher sends only what was committed.
 */
@Component
public class AlertOutbox {

    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;
    private final RecipientsRepository recipients;
    private final NotifierClock notifierClock;
    private final Clock systemClock;
    private final MeterRegistry meters;

    public AlertOutbox(AlertRepository alerts, DeliveryRepository deliveries, RecipientsRepository recipients, NotifierClock notifierClock,
            Clock systemClock, MeterRegistry meters) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.recipients = recipients;
        this.notifierClock = notifierClock;
        this.systemClock = systemClock;
        this.meters = meters;
    }

    /** @return the stored alert when it is new; null when its key was stored before (then nothing changes) */
    public Alert record(Alert decided) {
        Alert alert = decided.withCreatedAt(notifierClock.instant());
        Recipients to = recipients.find(alert.organisation()).orElse(null);
        boolean mail = to != null && hasMailRecipient(to, alert.audience());
        boolean digest = mail && to.digest() && alert.audience() == Audience.CIO_OFFICE;
        if (!alerts.insert(alert, digest)) {
            return null;
        }
        // Deliveries are due at once on the real clock (retries are timed on it too, whatever date the notifier is set to).
        java.time.Instant now = systemClock.instant();
        deliveries.add(alert.key(), Channel.KAFKA, alert.organisation(), now);
        if (to != null && to.hasWebhook()) {
            deliveries.add(alert.key(), Channel.WEBHOOK, alert.organisation(), now);
        }
        if (digest) {
            deliveries.add(digestKey(alert.organisation(), alert.decidedOn()), Channel.EMAIL_DIGEST, alert.organisation(), now);
        } else if (mail) {
            deliveries.add(alert.key(), Channel.EMAIL, alert.organisation(), now);
        }
        Counter.builder("tracker.notifier.alerts.created").description("Alerts decided and stored")
                .tag("kind", alert.kind().name()).tag("severity", alert.severity().name()).register(meters).increment();
        return alert;
    }

    /** Makes sure every organisation with digest alerts not yet mailed has a digest for the date (at most one per organisation and day). */
    public void scheduleDigests(LocalDate date) {
        java.time.Instant now = systemClock.instant();
        for (String organisation : alerts.organisationsAwaitingDigest()) {
            deliveries.add(digestKey(organisation, date), Channel.EMAIL_DIGEST, organisation, now);
        }
    }

    /** The key of an organisation's digest mail of a date. */
    public static String digestKey(String organisation, LocalDate date) {
        return "digest|" + organisation + "|" + date;
    }

    static boolean hasMailRecipient(Recipients to, Audience audience) {
        if (audience == Audience.REVIEWERS && to.reviewers() != null && !to.reviewers().isEmpty()) {
            return true;
        }
        return to.cioOffice() != null && !to.cioOffice().isBlank();
    }
}
