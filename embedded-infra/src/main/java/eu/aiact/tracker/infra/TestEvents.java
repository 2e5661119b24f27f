package eu.aiact.tracker.infra;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts messages on a topic, for tests of the consuming services: {@link #send} as the command service's publisher would (an event envelope
 * is signed with the tests' signing key, {@link TestSigningKeys}), {@link #sendAsIs} exactly as given, as anyone else who can reach the
 * broker could (a forged envelope, say).
 */
public final class TestEvents implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public TestEvents(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    /** Sends {@code value}, signed as the command service signs envelopes when it is an unsigned envelope, as it is otherwise. */
    public void send(String topic, String key, String value) {
        sendAsIs(topic, key, TestSigningKeys.sign(value));
    }

    /** Sends exactly {@code value}. */
    public void sendAsIs(String topic, String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not send to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
