package eu.aiact.tracker.stream;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Every {@link StreamHandler} of the service, each with its {@link StreamConsumer} and a listener container of its own (the service's
 * Kafka consumer settings; the handler's group, or the service's). The containers' error handler only ever sees failures that may go
 * away, and tries them again with exponential backoff for as long as it takes (see {@link StreamConsumer}).
 */
public class StreamConsumers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(StreamConsumers.class);

    private final Map<String, StreamConsumer<?>> consumers = new LinkedHashMap<>();
    private final Map<String, ConcurrentMessageListenerContainer<?, ?>> containers = new LinkedHashMap<>();
    private final ConcurrentKafkaListenerContainerFactory<?, ?> factory;
    private final StreamProperties properties;
    private volatile boolean running;
    private java.util.concurrent.ScheduledExecutorService rebuildChecks;

    public StreamConsumers(List<StreamHandler<?>> handlers, ConcurrentKafkaListenerContainerFactory<?, ?> factory,
            TransactionTemplate transactions, ProcessedEvents processed, DeadLetterStore deadLetters, StreamProperties properties,
            JdbcTemplate jdbc, StreamOffsets offsets, Clock clock) {
        this.factory = factory;
        this.properties = properties;
        for (StreamHandler<?> handler : handlers) {
            if (consumers.containsKey(handler.name())) {
                throw new IllegalStateException("Two stream handlers are named " + handler.name());
            }
            consumers.put(handler.name(), new StreamConsumer<>(handler, transactions, processed, deadLetters, properties, jdbc, offsets,
                    clock));
        }
    }

    public List<StreamConsumer<?>> all() {
        return new ArrayList<>(consumers.values());
    }

    public Optional<StreamConsumer<?>> find(String name) {
        return Optional.ofNullable(consumers.get(name));
    }

    public StreamConsumer<?> get(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException("No stream consumer " + name + "; known: " + consumers.keySet()));
    }

    @Override
    public synchronized void start() {
        for (StreamConsumer<?> consumer : consumers.values()) {
            ConcurrentMessageListenerContainer<?, ?> container = factory.createContainer(consumer.handler().topics().toArray(String[]::new));
            container.setBeanName(consumer.name());
            container.getContainerProperties().setGroupId(consumer.handler().groupId());
            container.getContainerProperties().setMessageListener(consumer);
            container.setCommonErrorHandler(retryUntilItWorks());
            consumer.restartWith(done -> restart(consumer.name(), done));
            containers.put(consumer.name(), container);
            container.start();
            log.info("Consuming {} as {}", consumer.handler().topics(), consumer.name());
        }
        if (consumers.values().stream().anyMatch(c -> c.handler().rebuildable())) {
            rebuildChecks = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "stream-rebuild-check");
                thread.setDaemon(true);
                return thread;
            });
            long every = Math.max(properties.rebuildCheckInterval().toMillis(), 10);
            rebuildChecks.scheduleWithFixedDelay(this::checkRebuilds, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        running = true;
    }

    /** Each rebuildable consumer joins or finishes a rebuild generation another instance runs (see {@link StreamConsumer#checkRebuild}). */
    private void checkRebuilds() {
        for (StreamConsumer<?> consumer : consumers.values()) {
            try {
                consumer.checkRebuild();
            } catch (RuntimeException e) {
                log.warn("{}: could not look at its rebuild: {}", consumer.name(), e.toString());
            }
        }
    }

    private DefaultErrorHandler retryUntilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.transientBackoff().toMillis(), 2.0);
        backOff.setMaxInterval(properties.transientMaxBackoff().toMillis());
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }

    /** Stops the consumer's container and starts it again (in the background): it then gets its partitions anew. */
    void restart(String name, Runnable done) {
        ConcurrentMessageListenerContainer<?, ?> container = containers.get(name);
        if (container == null) {
            throw new IllegalStateException("The consumer " + name + " is not running");
        }
        Thread restart = new Thread(() -> {
            try {
                container.stop();
                container.start();
            } finally {
                done.run();
            }
        }, "restart-" + name);
        restart.setDaemon(true);
        restart.start();
    }

    @Override
    public synchronized void stop() {
        if (rebuildChecks != null) {
            rebuildChecks.shutdownNow();
            rebuildChecks = null;
        }
        containers.values().forEach(ConcurrentMessageListenerContainer::stop);
        containers.clear();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
