package eu.aiact.tracker.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.NotifierProperties;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.recipients.Recipients;

/**
 * Every alert of every organisation, as a CloudEvents 1.0 structured JSON record on the alerts topic, keyed by the alert key (its
 * CloudEvents id). The platform's own notices do not go there.
 */
@Component
public class KafkaChannel implements Channel {

    public static final String ID = "KAFKA";

    private final KafkaTemplate<String, String> kafka;
    private final CloudEvents cloudEvents;
    private final KafkaSettings settings;
    private final String topic;

    public KafkaChannel(KafkaTemplate<String, String> kafka, CloudEvents cloudEvents, KafkaSettings settings, NotifierProperties properties) {
        this.kafka = kafka;
        this.cloudEvents = cloudEvents;
        this.settings = settings;
        this.topic = properties.alertsTopic();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RetryPolicy retry() {
        return settings;
    }

    @Override
    public boolean reachesPerson() {
        return false;
    }

    @Override
    public List<Outgoing> plan(List<Alert> alerts, Recipients to, Instant now) {
        List<Outgoing> outgoing = new ArrayList<>();
        for (Alert alert : alerts) {
            if (alert.audience() != Audience.PLATFORM) {
                outgoing.add(Outgoing.single(alert.key(), now));
            }
        }
        return outgoing;
    }

    @Override
    public void send(Message message, Recipients to) throws Exception {
        if (message.simulation() != null) {
            throw new PermanentDeliveryFailure("a simulation never writes to the alerts topic");
        }
        for (Alert alert : message.alerts()) {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, alert.key(), cloudEvents.toJson(alert));
            record.headers().add("content-type", CloudEvents.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
            try {
                kafka.send(record).get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                kafka.getProducerFactory().reset();
                throw e;
            }
        }
    }
}
