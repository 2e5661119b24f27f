package eu.aiact.tracker.notifier;

import org.apache.kafka.common.TopicPartition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import eu.aiact.tracker.api.envelope.MalformedEventException;
import tools.jackson.core.JacksonException;

/**
 * A message the notifier cannot read (malformed JSON, an envelope without its fields, a feed message of an unknown type) goes at once to
 * {@code <topic>.DLT}, with the exception's class and message in Spring Kafka's {@code kafka_dlt-*} headers, and processing goes on.
 * Any other failure (the database down, say) is retried with backoff until it succeeds: an outage delays alerts, it never drops one.
 */
@Configuration
public class ListenerErrorHandling {

    @Bean
    CommonErrorHandler deadLettersOrRetry(KafkaTemplate<String, String> kafka) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(kafka,
                (record, exception) -> new TopicPartition(record.topic() + ".DLT", -1));
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(MalformedEventException.class, JacksonException.class);
        return handler;
    }
}
