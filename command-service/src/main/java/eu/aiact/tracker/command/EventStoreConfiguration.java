package eu.aiact.tracker.command;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon's JDBC event store and token store on the service's PostgreSQL schema (tables created by Flyway, see db/migration).
 * <p>
 * Declared here rather than left to Axon's JdbcAutoConfiguration: under Spring Boot 4 that auto-configuration is evaluated before the
 * DataSource exists (its ordering names Boot 3's class), so it silently steps aside and Axon would fall back to an in-memory token store.
 */
@Configuration
public class EventStoreConfiguration {

    private static final String UNIQUE_VIOLATION = "23505";

    @Bean
    ConnectionProvider connectionProvider(DataSource dataSource) {
        return new UnitOfWorkAwareConnectionProviderWrapper(new SpringDataSourceConnectionProvider(dataSource));
    }

    /**
     * A duplicate key is PostgreSQL's SQL state 23505 anywhere in the failure's causes: the JDBC driver reports a batched append's
     * violation as a BatchUpdateException whose own state and error code Axon's resolver does not recognise. Recognised, Axon answers
     * an aggregate's taken sequence number with a ConcurrencyException (sent once more, see CommandSender) and a taken first one with
     * an AggregateStreamCreationException (409, already recorded).
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        JdbcSQLErrorCodesResolver codes = new JdbcSQLErrorCodesResolver();
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return true;
                }
            }
            return codes.isDuplicateKeyViolation(exception);
        };
    }

    @Bean
    EventStorageEngine eventStorageEngine(ConnectionProvider connections, TransactionManager transactions, Serializer serializer,
            @Qualifier("eventSerializer") Serializer eventSerializer, PersistenceExceptionResolver exceptions,
            org.axonframework.config.Configuration axon) {
        return JdbcEventStorageEngine.builder()
                .connectionProvider(connections)
                .transactionManager(transactions)
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .persistenceExceptionResolver(exceptions)
                .upcasterChain(axon.upcasterChain())
                .schema(EventSchema.builder().build())
                .dataType(byte[].class)
                .build();
    }

    @Bean
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, org.axonframework.config.Configuration axon) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(axon.messageMonitor(EventStore.class, "eventStore"))
                .build();
    }

    @Bean
    TokenStore tokenStore(ConnectionProvider connections, Serializer serializer) {
        return JdbcTokenStore.builder()
                .connectionProvider(connections)
                .serializer(serializer)
                .schema(TokenSchema.builder().build())
                .contentType(byte[].class)
                .build();
    }
}
