package eu.aiact.tracker.notifier.alert;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import eu.aiact.tracker.notifier.NotifierProperties;

@Configuration
@EnableScheduling
public class AlertConfiguration {

    @Bean
    AlertDecider alertDecider(NotifierProperties properties) {
        return new AlertDecider(properties.horizonsDays(), properties.overdueReminderDays(), properties.experimentMaxMonths(),
                properties.dashboardUrl());
    }
}
