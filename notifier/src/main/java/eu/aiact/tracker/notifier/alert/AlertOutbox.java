package eu.aiact.tracker.notifier.alert;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.channel.Channel;
import eu.aiact.tracker.notifier.channel.MailChannel;
import eu.aiact.tracker.notifier.channel.Outgoing;
import eu.aiact.tracker.notifier.delivery.DeliveryRepository;
import eu.aiact.tracker.notifier.delivery.MessageRepository;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Stores real alerts and their pending deliveries in the caller's transaction (the outbox): either the alert and all its deliveries are
 * committed, or none is and the decision is made again next time. Each channel says which messages it owes for the new alerts (one per
 * alert, or one per system and horizon, or a digest); the dispatcher sends only what was committed. An alert that no channel reaching a
 * person carries is marked unrouted (the coverage view and the platform's daily notice report it).
 */
@Component
public class AlertOutbox {

    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;
    private final MessageRepository messages;
    private final RecipientsDirectory recipients;
    private final List<Channel> channels;
    private final Clock clock;
    private final MeterRegistry meters;

    public AlertOutbox(AlertRepository alerts, DeliveryRepository deliveries, MessageRepository messages, RecipientsDirectory recipients,
            List<Channel> channels, Clock clock, MeterRegistry meters) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.messages = messages;
        this.recipients = recipients;
        this.channels = channels;
        this.clock = clock;
        this.meters = meters;
    }

    /** @return the stored alert when it is new; null when its key was stored before (then nothing changes) */
    public Alert record(Alert decided) {
        List<Alert> stored = recordAll(List.of(decided), recipients::of);
        return stored.isEmpty() ? null : stored.get(0);
    }

    /**
     * Stores the new ones of the alerts and their pending deliveries, with one statement for the alerts and one for their deliveries.
     *
     * @param recipientsOf who receives an organisation's alerts (null: nobody but the Kafka topic)
     * @return the alerts that were new (with their creation time), in the order given; none that was stored before
     */
    public List<Alert> recordAll(List<Alert> decided, Function<String, Recipients> recipientsOf) {
        if (decided.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<Alert> toStore = new ArrayList<>(decided.size());
        List<Boolean> digests = new ArrayList<>(decided.size());
        for (Alert d : decided) {
            Alert alert = d.withCreatedAt(now);
            toStore.add(alert);
            digests.add(MailChannel.inDigestOnly(recipientsOf.apply(alert.organisation()), alert));
        }
        List<Alert> stored = alerts.insertAll(toStore, digests);
        Map<String, List<Alert>> byOrganisation = new LinkedHashMap<>();
        for (Alert alert : stored) {
            byOrganisation.computeIfAbsent(alert.organisation(), k -> new ArrayList<>()).add(alert);
        }
        List<DeliveryRepository.Pending> pending = new ArrayList<>();
        List<MessageRepository.Part> parts = new ArrayList<>();
        Set<String> routed = new HashSet<>();
        byOrganisation.forEach((organisation, own) -> {
            Recipients to = recipientsOf.apply(organisation);
            for (Channel channel : channels) {
                for (Outgoing outgoing : channel.plan(own, to, now)) {
                    pending.add(new DeliveryRepository.Pending(outgoing.messageKey(), channel.id(), organisation, outgoing.due()));
                    outgoing.alertKeys().forEach(key -> parts.add(new MessageRepository.Part(outgoing.messageKey(), key)));
                    if (channel.reachesPerson()) {
                        if (outgoing.alertKeys().isEmpty()) {
                            routed.add(outgoing.messageKey());
                        } else {
                            routed.addAll(outgoing.alertKeys());
                        }
                    }
                }
            }
        });
        messages.addAll(parts);
        deliveries.addAll(pending, now);
        List<String> unrouted = stored.stream().map(Alert::key).filter(key -> !routed.contains(key)).toList();
        alerts.markUnrouted(unrouted);
        Map<List<String>, Integer> created = new HashMap<>();
        for (Alert alert : stored) {
            created.merge(List.of(alert.kind().name(), alert.severity().name()), 1, Integer::sum);
        }
        created.forEach((tags, count) -> Counter.builder("tracker.notifier.alerts.created").description("Alerts decided and stored")
                .tag("kind", tags.get(0)).tag("severity", tags.get(1)).register(meters).increment(count));
        return stored;
    }
}
