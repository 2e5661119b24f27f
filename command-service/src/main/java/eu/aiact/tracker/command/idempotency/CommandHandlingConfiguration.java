package eu.aiact.tracker.command.idempotency;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import eu.aiact.tracker.command.rest.CommandMetadata;
import tools.jackson.databind.json.JsonMapper;

/**
 * What every command carries into its events (who, why, which request) and the idempotency check around every command handler. The
 * check is registered after Axon's transaction interceptor, so it runs inside the command's transaction.
 */
@Configuration
public class CommandHandlingConfiguration {

    /** Copies the request's metadata onto every event the command causes; the aggregate adds the organisation itself. */
    @Bean
    CorrelationDataProvider commandMetadataProvider() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR, CommandMetadata.REASON, CommandMetadata.CORRELATION_ID,
                IdempotencyInterceptor.METADATA_KEY);
    }

    @Autowired
    void registerIdempotency(CommandBus commandBus, JdbcTemplate jdbc, JsonMapper json) {
        commandBus.registerHandlerInterceptor(new IdempotencyInterceptor(jdbc, json));
    }
}
