package eu.aiact.tracker.query.projection;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * A message that cannot be read is a dead letter (see {@link DeadLetters}); any other failure (the database down, say) is transient: the
 * listener retries the same message with backoff (up to 30 s apart) for as long as it takes, so that an outage delays the projection but
 * never skips an event.
 */
@Configuration
public class ListenerErrorHandling {

    @Bean
    CommonErrorHandler retryUntilItWorks() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
