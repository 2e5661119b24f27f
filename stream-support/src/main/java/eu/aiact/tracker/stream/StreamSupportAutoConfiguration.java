package eu.aiact.tracker.stream;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationInitializer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The stream mechanism of a service with a database and Kafka: its tables, consumers, dead letters, monitor, health and admin REST. */
@AutoConfiguration(after = {FlywayAutoConfiguration.class, KafkaAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
        DataSourceTransactionManagerAutoConfiguration.class, TransactionAutoConfiguration.class})
@ConditionalOnBean({DataSource.class, KafkaAdmin.class})
@EnableConfigurationProperties(StreamProperties.class)
public class StreamSupportAutoConfiguration {

    @Bean
    StreamSchema streamSchema(DataSource dataSource, Environment environment, ObjectProvider<FlywayMigrationInitializer> serviceMigrations) {
        serviceMigrations.ifAvailable(initializer -> {
            // the service's own migrations first (the old dead-letter table they made is moved over)
        });
        return new StreamSchema(dataSource, environment.getProperty("spring.flyway.default-schema"));
    }

    @Bean
    DeadLetterStore deadLetterStore(JdbcTemplate jdbc, StreamSchema schema) {
        return new DeadLetterStore(jdbc);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, StreamSchema schema) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    StreamOffsets streamOffsets(KafkaAdmin admin) {
        return new StreamOffsets(admin.getConfigurationProperties());
    }

    @Bean
    StreamConsumers streamConsumers(ObjectProvider<StreamHandler<?>> handlers, ConcurrentKafkaListenerContainerFactory<?, ?> factory,
            TransactionTemplate transactions, ProcessedEvents processed, DeadLetterStore deadLetters, StreamProperties properties,
            JdbcTemplate jdbc, StreamOffsets offsets, ObjectProvider<Clock> clock, StreamSchema schema) {
        return new StreamConsumers(handlers.orderedStream().toList(), factory, transactions, processed, deadLetters, properties, jdbc,
                offsets, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    StreamMonitor streamMonitor(StreamConsumers consumers, StreamOffsets offsets, KafkaProperties kafka, StreamProperties properties,
            ObjectProvider<MeterRegistry> meters, ObjectProvider<Clock> clock) {
        return new StreamMonitor(consumers, offsets, kafka.buildConsumerProperties(), kafka.getConsumer().getGroupId(), properties,
                meters.getIfAvailable(SimpleMeterRegistry::new), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    StreamHealthIndicator streamsHealthIndicator(StreamMonitor monitor, StreamConsumers consumers, DeadLetterStore deadLetters) {
        return new StreamHealthIndicator(monitor, consumers, deadLetters);
    }

    @Bean
    DeadLetterCopier deadLetterCopier(DeadLetterStore store, KafkaTemplate<String, String> kafka, StreamProperties properties,
            Environment environment, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterCopier(store, kafka, properties, environment.getProperty("spring.application.name", "service"),
                meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    @ConditionalOnWebApplication
    DeadLetterController deadLetterController(DeadLetterStore store, StreamConsumers consumers, ObjectProvider<DeadLetterRetrier> others,
            TransactionTemplate transactions) {
        return new DeadLetterController(store, () -> {
            List<DeadLetterRetrier> all = new java.util.ArrayList<>(consumers.all());
            others.orderedStream().forEach(all::add);
            return all;
        }, transactions);
    }
}
