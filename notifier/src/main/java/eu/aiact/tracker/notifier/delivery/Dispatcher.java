package eu.aiact.tracker.notifier.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertRepository;
import eu.aiact.tracker.notifier.channel.Channel;
import eu.aiact.tracker.notifier.channel.MailChannel;
import eu.aiact.tracker.notifier.channel.Message;
import eu.aiact.tracker.notifier.channel.PermanentDeliveryFailure;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsDirectory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends committed deliveries through their channel: each in its own transaction that locks the delivery row, sends, and records the
 * outcome. A crash between sending and recording sends again on the next run with the same CloudEvents id / Message-ID (receivers
 * dedupe on it); a recorded delivery is never sent again. Failures are retried as the channel's retry policy says, then the delivery is
 * dead (a dead letter); a target that is refused outright makes it dead at once.
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final AlertRepository alerts;
    private final RecipientsDirectory recipients;
    private final Map<String, Channel> channels = new LinkedHashMap<>();
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;

    public Dispatcher(DeliveryRepository deliveries, AlertRepository alerts, RecipientsDirectory recipients, List<Channel> channels,
            TransactionTemplate transactions, Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.recipients = recipients;
        channels.forEach(channel -> this.channels.put(channel.id(), channel));
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
    }

    @Scheduled(fixedDelayString = "${tracker.notifier.dispatch-interval:PT5S}", initialDelayString = "${tracker.notifier.dispatch-interval:PT5S}")
    public void scheduled() {
        try {
            dispatchDue();
        } catch (RuntimeException e) {
            log.warn("Dispatch failed; retrying on the next run: {}", e.toString());
        }
    }

    /** Attempts every delivery that is due. @return how many were sent in this run */
    public synchronized int dispatchDue() {
        int sent = 0;
        List<Long> due = deliveries.dueIds(clock.instant(), 500);
        for (Long id : due) {
            Boolean ok = transactions.execute(status -> attempt(id));
            if (Boolean.TRUE.equals(ok)) {
                sent++;
            }
        }
        return sent;
    }

    /** @return true when sent, false when it failed, null when it was no longer due (sent or taken by another dispatcher) */
    private Boolean attempt(long id) {
        Instant now = clock.instant();
        Optional<Delivery> locked = deliveries.lockDue(id, now);
        if (locked.isEmpty()) {
            return null;
        }
        Delivery delivery = locked.get();
        Channel channel = channels.get(delivery.channel());
        try {
            if (channel == null) {
                throw new PermanentDeliveryFailure("No channel " + delivery.channel() + " in this notifier");
            }
            Message message = message(delivery);
            if (!message.alerts().isEmpty()) {
                channel.send(message, recipients.of(delivery.organisation()));
            }
            deliveries.markSent(id, clock.instant());
            count(delivery.channel(), "sent");
            return true;
        } catch (Exception e) {
            int attempts = delivery.attempts() + 1;
            String error = e instanceof PermanentDeliveryFailure ? e.getMessage() : e.getClass().getSimpleName() + ": " + e.getMessage();
            if (e instanceof PermanentDeliveryFailure || channel == null || attempts >= channel.retry().maxAttempts()) {
                deliveries.markFailed(id, DeliveryStatus.DEAD, now, error);
                count(delivery.channel(), "dead");
                log.warn("Delivery {} of {} by {} is dead after {} attempts: {}", id, delivery.alertKey(), delivery.channel(), attempts, error);
            } else {
                Duration wait = channel.retry().backoffAfter(attempts);
                deliveries.markFailed(id, DeliveryStatus.PENDING, now.plus(wait), error);
                count(delivery.channel(), "failed");
                log.info("Delivery {} of {} by {} failed (attempt {}), next in {}: {}", id, delivery.alertKey(), delivery.channel(), attempts,
                        wait, error);
            }
            return false;
        }
    }

    /** The message a delivery sends: the alerts recorded for a message of several, or the one alert its key names. */
    private Message message(Delivery delivery) {
        String key = delivery.alertKey();
        boolean digest = key.startsWith(MailChannel.DIGEST_PREFIX);
        List<Alert> several = alerts.inMessage(key);
        if (digest) {
            LocalDate date = LocalDate.parse(key.substring(key.lastIndexOf('|') + 1));
            return new Message(key, Message.Kind.DIGEST, delivery.organisation(), several, date, null);
        }
        if (!several.isEmpty()) {
            return new Message(key, Message.Kind.GROUP, delivery.organisation(), several, several.get(0).decidedOn(), null);
        }
        Alert alert = alerts.find(key).orElseThrow(() -> new IllegalStateException("No alert " + key));
        return new Message(key, Message.Kind.ALERT, delivery.organisation(), List.of(alert), alert.decidedOn(), null);
    }

    private void count(String channel, String outcome) {
        Counter.builder("tracker.notifier.deliveries").description("Delivery attempts by channel and outcome")
                .tag("channel", channel).tag("outcome", outcome).register(meters).increment();
    }
}
