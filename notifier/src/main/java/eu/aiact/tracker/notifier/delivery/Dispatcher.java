package eu.aiact.tracker.notifier.delivery;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.notifier.NotifierProperties;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertRepository;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.recipients.RecipientsRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends committed deliveries: each in its own transaction that locks the delivery row, sends, and records the outcome. A crash between
 * sending and recording sends again on the next run with the same CloudEvents id / Message-ID (receivers dedupe on it); a recorded
 * delivery is never sent again. Failures are retried with exponential backoff, then the delivery is dead (a dead letter).
 */
@Component
public class Dispatcher {

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    private final DeliveryRepository deliveries;
    private final AlertRepository alerts;
    private final RecipientsRepository recipients;
    private final CloudEvents cloudEvents;
    private final AlertMailer mailer;
    private final KafkaTemplate<String, String> kafka;
    private final NotifierProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final HttpClient http;

    public Dispatcher(DeliveryRepository deliveries, AlertRepository alerts, RecipientsRepository recipients, CloudEvents cloudEvents,
            AlertMailer mailer, KafkaTemplate<String, String> kafka, NotifierProperties properties, TransactionTemplate transactions,
            Clock clock, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.alerts = alerts;
        this.recipients = recipients;
        this.cloudEvents = cloudEvents;
        this.mailer = mailer;
        this.kafka = kafka;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.http = HttpClient.newBuilder().connectTimeout(properties.webhook().timeout()).build();
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
        try {
            send(delivery);
            deliveries.markSent(id, clock.instant());
            count(delivery.channel(), "sent");
            return true;
        } catch (Exception e) {
            int attempts = delivery.attempts() + 1;
            String error = e.getClass().getSimpleName() + ": " + e.getMessage();
            if (attempts >= properties.webhook().maxAttempts()) {
                deliveries.markFailed(id, DeliveryStatus.DEAD, now, error);
                count(delivery.channel(), "dead");
                log.warn("Delivery {} of {} by {} is dead after {} attempts: {}", id, delivery.alertKey(), delivery.channel(), attempts, error);
            } else {
                Duration wait = properties.webhook().initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 30));
                deliveries.markFailed(id, DeliveryStatus.PENDING, now.plus(wait), error);
                count(delivery.channel(), "failed");
                log.info("Delivery {} of {} by {} failed (attempt {}), next in {}: {}", id, delivery.alertKey(), delivery.channel(), attempts,
                        wait, error);
            }
            return false;
        }
    }

    private void send(Delivery delivery) throws Exception {
        Recipients to = recipients.find(delivery.organisation()).orElse(null);
        if (delivery.channel() == Channel.EMAIL_DIGEST) {
            alerts.claimForDigest(delivery.organisation(), delivery.alertKey());
            List<Alert> digest = alerts.inDigest(delivery.alertKey());
            if (!digest.isEmpty()) {
                String date = delivery.alertKey().substring(delivery.alertKey().lastIndexOf('|') + 1);
                mailer.sendDigest(delivery.alertKey(), delivery.organisation(), date, digest, to);
            }
            return;
        }
        Alert alert = alerts.find(delivery.alertKey())
                .orElseThrow(() -> new IllegalStateException("No alert " + delivery.alertKey()));
        if (delivery.channel() == Channel.KAFKA) {
            ProducerRecord<String, String> record = new ProducerRecord<>(properties.alertsTopic(), alert.key(), cloudEvents.toJson(alert));
            record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                kafka.send(record).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                kafka.getProducerFactory().reset();
                throw e;
            }
        } else if (delivery.channel() == Channel.WEBHOOK) {
            if (to == null || !to.hasWebhook()) {
                throw new IllegalStateException("No webhook configured for " + delivery.organisation());
            }
            String body = cloudEvents.toJson(alert);
            HttpRequest request = HttpRequest.newBuilder(URI.create(to.webhookUrl()))
                    .timeout(properties.webhook().timeout())
                    .header("Content-Type", CloudEvents.CONTENT_TYPE)
                    .header("ce-id", alert.key().replaceAll("[\\r\\n]", " "))
                    .header("X-Signature", CloudEvents.signature(body, to.webhookSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new IllegalStateException("Webhook answered HTTP " + response.statusCode());
            }
        } else if (delivery.channel() == Channel.EMAIL) {
            mailer.send(alert, to);
        }
    }

    private void count(Channel channel, String outcome) {
        Counter.builder("tracker.notifier.deliveries").description("Delivery attempts by channel and outcome")
                .tag("channel", channel.name()).tag("outcome", outcome).register(meters).increment();
    }
}
