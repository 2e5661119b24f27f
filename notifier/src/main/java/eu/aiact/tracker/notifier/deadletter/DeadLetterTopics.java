package eu.aiact.tracker.notifier.deadletter;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The dead-letter topics the notifier reads ({@link DeadLetterAlertIntake}) exist before its consumers start, kept for ever like the
 * events (the broker's default partition count; docker-compose's kafka-init creates them with 3). A topic that exists is left as it is.
 */
@Configuration
public class DeadLetterTopics {

    @Bean
    NewTopic eventsDeadLetterTopic(@Value("${tracker.events-topic}") String eventsTopic) {
        return topic(eventsTopic + ".DLT");
    }

    @Bean
    NewTopic obligationsDeadLetterTopic(@Value("${tracker.obligations-topic:aiact.obligations}") String obligationsTopic) {
        return topic(obligationsTopic + ".DLT");
    }

    private static NewTopic topic(String name) {
        return TopicBuilder.name(name).config(TopicConfig.RETENTION_MS_CONFIG, "-1").build();
    }
}
