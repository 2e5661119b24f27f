package eu.aiact.tracker.query;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The one clock of the query service: "today" for obligation statuses and for which rulebook is in force. The nightly re-evaluation runs on
 * Spring's scheduler.
 */
@Configuration
@EnableScheduling
public class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemDefaultZone();
    }
}
