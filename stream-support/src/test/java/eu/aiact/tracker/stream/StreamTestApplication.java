package eu.aiact.tracker.stream;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.JdbcTemplate;

/** A service with one handler, to exercise stream-support on a real PostgreSQL and Kafka. */
@SpringBootApplication
class StreamTestApplication {

    @Bean
    TestHandler testHandler(@Value("${test.topic}") String topic, JdbcTemplate jdbc) {
        return new TestHandler(topic, jdbc);
    }

    /**
     * Records are {@code id|command}: {@code ok}; {@code refuse} (the database refuses the value); {@code bug} (a NullPointerException);
     * {@code transient:N} (the database away for the first N tries); {@code block} (waits for {@link #release} the first time);
     * anything without a {@code |} cannot be read. What it handled is in {@code stream_it_handled}, in the poll's transaction.
     */
    static final class TestHandler implements StreamHandler<String[]> {

        final String topic;
        final JdbcTemplate jdbc;
        final Map<String, AtomicInteger> tries = new ConcurrentHashMap<>();
        final CountDownLatch release = new CountDownLatch(1);
        final CountDownLatch blocked = new CountDownLatch(1);
        volatile boolean refuse = true;
        final AtomicInteger resets = new AtomicInteger();
        /** How long finishing a rebuild takes (a handler that folds and swaps in fresh tables there takes seconds). */
        volatile long finishMillis;

        TestHandler(String topic, JdbcTemplate jdbc) {
            this.topic = topic;
            this.jdbc = jdbc;
            jdbc.execute("CREATE SCHEMA IF NOT EXISTS stream_it");
            jdbc.execute("CREATE TABLE IF NOT EXISTS stream_it.stream_it_handled (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL, command TEXT NOT NULL)");
        }

        @Override
        public String name() {
            return "test-handler";
        }

        @Override
        public Collection<String> topics() {
            return List.of(topic);
        }

        @Override
        public String[] read(ConsumerRecord<String, String> record) {
            if (record.value() == null || !record.value().contains("|")) {
                throw new UnreadableRecordException("Not id|command: " + record.value());
            }
            return record.value().split("\\|", 2);
        }

        @Override
        public String idOf(String[] message) {
            return message[0];
        }

        @Override
        public void handle(List<StreamMessage<String[]>> messages) {
            for (StreamMessage<String[]> message : messages) {
                String id = message.value()[0];
                String command = message.value()[1];
                int tried = tries.computeIfAbsent(id, i -> new AtomicInteger()).incrementAndGet();
                if (command.equals("refuse") && refuse) {
                    throw new DataIntegrityViolationException("PreparedStatementCallback",
                            new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021"));
                }
                if (command.equals("bug") && refuse) {
                    throw new NullPointerException("recordedAt is null");
                }
                if (command.startsWith("transient:") && tried <= Integer.parseInt(command.substring(10))) {
                    throw new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                            new java.sql.SQLTransientConnectionException("Connection is not available, request timed out after 5000ms"));
                }
                if (command.equals("block") && release.getCount() > 0) {
                    blocked.countDown();
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                jdbc.update("INSERT INTO stream_it_handled (id, command) VALUES (?, ?)", id, command);
            }
        }

        @Override
        public boolean rebuildable() {
            return true;
        }

        @Override
        public void rebuildFinished() {
            try {
                Thread.sleep(finishMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void reset() {
            resets.incrementAndGet();
            jdbc.update("DELETE FROM stream_it_handled");
        }
    }
}
