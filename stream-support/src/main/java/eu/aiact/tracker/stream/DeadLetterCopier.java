package eu.aiact.tracker.stream;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Copies every new dead letter, once it is committed, to {@code <topic>.DLT} (the original key and value; headers {@code dlt-reason},
 * {@code dlt-origin} (its position), {@code dlt-consumer} ({@code service/consumer}), {@code dlt-dead-at}, {@code dlt-id}), where the
 * notifier reads them to alert the platform's administrators. A broker outage delays the copies; none is lost, as the store remembers
 * which were copied. A dead letter of a dead-letter topic (a copy its reader could not handle) is kept but never copied again.
 */
public class DeadLetterCopier implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterCopier.class);

    private final DeadLetterStore store;
    private final KafkaTemplate<String, String> kafka;
    private final StreamProperties properties;
    private final String service;
    private final MeterRegistry meters;
    private ScheduledExecutorService executor;

    public DeadLetterCopier(DeadLetterStore store, KafkaTemplate<String, String> kafka, StreamProperties properties, String service,
            MeterRegistry meters) {
        this.store = store;
        this.kafka = kafka;
        this.properties = properties;
        this.service = service;
        this.meters = meters;
    }

    /** Sends what is not copied yet; answers how many were. */
    public synchronized int copyPending() {
        int copied = 0;
        for (DeadLetter letter : store.toCopy(100)) {
            if (letter.topic().endsWith(".DLT")) {
                // a copy the notifier could not handle: kept and listed here, never copied to a .DLT.DLT (no loop)
                log.warn("Dead letter {} of {} at {} is a dead-letter copy itself: kept, not copied again", letter.id(), letter.consumer(),
                        letter.position());
                store.copied(letter.id());
                continue;
            }
            ProducerRecord<String, String> copy = new ProducerRecord<>(letter.topic() + ".DLT", letter.messageKey(), letter.value());
            header(copy, "dlt-reason", letter.reason());
            header(copy, "dlt-origin", letter.position());
            header(copy, "dlt-consumer", service + "/" + letter.consumer());
            header(copy, "dlt-dead-at", String.valueOf(letter.deadAt()));
            header(copy, "dlt-id", service + "/" + letter.id());
            try {
                kafka.send(copy).get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return copied;
            } catch (Exception e) {
                log.warn("Could not copy dead letter {} to {}; it is copied later: {}", letter.id(), copy.topic(), e.toString());
                return copied;
            }
            store.copied(letter.id());
            Counter.builder("tracker.stream.dead.letters").description("Dead letters kept (and copied to their .DLT topic)")
                    .tag("consumer", letter.consumer()).tag("topic", letter.topic()).register(meters).increment();
            copied++;
        }
        return copied;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        if (value != null) {
            record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public synchronized void start() {
        if (!properties.deadLetterTopics() || executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "dead-letter-copier");
            thread.setDaemon(true);
            return thread;
        });
        long millis = properties.publishInterval().toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                copyPending();
            } catch (RuntimeException e) {
                log.warn("Copying dead letters failed; trying again in {}: {}", properties.publishInterval(), e.toString());
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
