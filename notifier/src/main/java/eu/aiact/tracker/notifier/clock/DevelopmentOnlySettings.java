package eu.aiact.tracker.notifier.clock;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * Settings meant for development and tests only (the settable clock, plain-http webhooks) stop the start of a notifier that does not
 * run with the {@code development} profile, before any other bean is made: production configuration cannot switch them on by accident.
 */
@Component
public class DevelopmentOnlySettings implements BeanFactoryPostProcessor, EnvironmentAware {

    public static final String PROFILE = "development";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /** @throws IllegalStateException naming every development-only setting that is on without the development profile */
    public static void check(Environment environment) {
        if (environment.acceptsProfiles(Profiles.of(PROFILE))) {
            return;
        }
        List<String> set = new ArrayList<>();
        if (environment.getProperty("tracker.notifier.clock.settable", Boolean.class, false)) {
            set.add("tracker.notifier.clock.settable");
        }
        String fixedDate = environment.getProperty("tracker.notifier.clock.fixed-date");
        if (fixedDate != null && !fixedDate.isBlank()) {
            set.add("tracker.notifier.clock.fixed-date");
        }
        if (environment.getProperty("tracker.notifier.channels.webhook.allow-http", Boolean.class, false)) {
            set.add("tracker.notifier.channels.webhook.allow-http");
        }
        if (!set.isEmpty()) {
            throw new IllegalStateException(String.join(", ", set) + (set.size() == 1 ? " is" : " are")
                    + " for development and tests only: the notifier runs with " + (set.size() == 1 ? "it" : "them") + " only in the '"
                    + PROFILE + "' profile (spring.profiles.active=" + PROFILE + "); remove " + (set.size() == 1 ? "it" : "them")
                    + " from a production configuration");
        }
    }
}
