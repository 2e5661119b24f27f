package eu.aiact.tracker.command.idempotency;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.aiact.tracker.command.rest.CommandMetadata;
/** What every command carries into its events: who, why, and which request. */
@Configuration
public class CommandHandlingConfiguration {

    /** Copies the request's metadata onto every event the command causes; the aggregate adds the organisation itself. */
    @Bean
    CorrelationDataProvider commandMetadataProvider() {
        return new SimpleCorrelationDataProvider(CommandMetadata.ACTOR, CommandMetadata.REASON, CommandMetadata.CORRELATION_ID,
                IdempotencyInterceptor.METADATA_KEY);
    }
}
