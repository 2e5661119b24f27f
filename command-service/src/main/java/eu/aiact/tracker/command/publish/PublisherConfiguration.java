package eu.aiact.tracker.command.publish;

import org.apache.kafka.clients.admin.NewTopic;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

@Configuration
public class PublisherConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PublisherConfiguration.class);

    /**
     * A failure to publish must not be logged and skipped (Axon's default for event handlers): it propagates, the processor keeps its
     * position and tries the same event again with increasing backoff.
     */
    @Bean
    ConfigurerModule publisherErrorHandling() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaEventPublisher.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }

    /** The events topic: keyed by AI system, kept forever so that consumers can rebuild from it. */
    @Bean
    NewTopic eventsTopic(PublisherProperties properties) {
        return TopicBuilder.name(properties.topic()).partitions(3).replicas(1).config("retention.ms", "-1").build();
    }
}
