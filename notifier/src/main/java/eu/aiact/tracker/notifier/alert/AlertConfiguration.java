package eu.aiact.tracker.notifier.alert;

import java.net.InetAddress;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import eu.aiact.tracker.notifier.NotifierProperties;
import eu.aiact.tracker.notifier.channel.HostResolver;

@Configuration
@EnableScheduling
public class AlertConfiguration {

    /** The system resolver, for the webhook target checks. */
    @Bean
    @ConditionalOnMissingBean
    HostResolver hostResolver() {
        return InetAddress::getAllByName;
    }

    @Bean
    AlertDecider alertDecider(NotifierProperties properties) {
        return new AlertDecider(properties.horizonsDays(), properties.overdueReminderDays(), properties.experimentMaxMonths(),
                properties.dashboardUrl());
    }
}
