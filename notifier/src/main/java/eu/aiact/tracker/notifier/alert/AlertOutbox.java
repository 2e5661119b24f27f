package eu.aiact.tracker.notifier.alert;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
        List<Alert> stored = recordAll(List.of(decided), organisation -> recipients.find(organisation).orElse(null));
        return stored.isEmpty() ? null : stored.get(0);
    }

    /**
     * Stores the new ones of the alerts and their pending deliveries, as {@link #record} does for each in turn, with one statement for
     * the alerts and one for their deliveries.
     *
     * @param recipientsOf who receives an organisation's alerts (null: nobody but the Kafka topic)
     * @return the alerts that were new (with their creation time), in the order given; none that was stored before
     */
    public List<Alert> recordAll(List<Alert> decided, Function<String, Recipients> recipientsOf) {
        if (decided.isEmpty()) {
            return List.of();
        }
        List<Alert> alerts = new ArrayList<>(decided.size());
        List<Boolean> digests = new ArrayList<>(decided.size());
        Map<Alert, Recipients> to = new IdentityHashMap<>();
        for (Alert d : decided) {
            Alert alert = d.withCreatedAt(notifierClock.instant());
            Recipients r = recipientsOf.apply(alert.organisation());
            alerts.add(alert);
            digests.add(digest(r, alert));
            if (r != null) {
                to.put(alert, r);
            }
        }
        List<Alert> stored = this.alerts.insertAll(alerts, digests);
        // Deliveries are due at once on the real clock (retries are timed on it too, whatever date the notifier is set to).
        java.time.Instant now = systemClock.instant();
        Set<DeliveryRepository.Pending> pending = new LinkedHashSet<>();
        Map<List<String>, Integer> created = new HashMap<>();
        for (Alert alert : stored) {
            Recipients r = to.get(alert);
            boolean mail = r != null && hasMailRecipient(r, alert.audience());
            pending.add(new DeliveryRepository.Pending(alert.key(), Channel.KAFKA, alert.organisation()));
            if (r != null && r.hasWebhook()) {
                pending.add(new DeliveryRepository.Pending(alert.key(), Channel.WEBHOOK, alert.organisation()));
            }
            if (digest(r, alert)) {
                pending.add(new DeliveryRepository.Pending(digestKey(alert.organisation(), alert.decidedOn()), Channel.EMAIL_DIGEST,
                        alert.organisation()));
            } else if (mail) {
                pending.add(new DeliveryRepository.Pending(alert.key(), Channel.EMAIL, alert.organisation()));
            }
            created.merge(List.of(alert.kind().name(), alert.severity().name()), 1, Integer::sum);
        }
        deliveries.addAll(new ArrayList<>(pending), now);
        created.forEach((tags, count) -> Counter.builder("tracker.notifier.alerts.created").description("Alerts decided and stored")
                .tag("kind", tags.get(0)).tag("severity", tags.get(1)).register(meters).increment(count));
        return stored;
    }

    /** Whether the alert's mail goes in the organisation's digest rather than a mail of its own. */
    private static boolean digest(Recipients to, Alert alert) {
        return to != null && hasMailRecipient(to, alert.audience()) && to.digest() && alert.audience() == Audience.CIO_OFFICE;
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
