package eu.aiact.tracker.query.rulebook;

import eu.aiact.tracker.domain.rulebook.InvalidRulebookException;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.aiact.tracker.domain.obligation.ObligationEngine;

/**
 * Loads the rulebooks at start-up (the shipped {@code rulebooks/*.yaml} plus the files in {@code tracker.rulebooks.extra-dir}); a bad
 * file throws {@link InvalidRulebookException}, which stops the application with the file, rule and problem in the message.
 */
@Configuration(proxyBeanMethods = false)
public class RulebookConfiguration {

    @Bean
    public Rulebooks rulebooks(@Value("${tracker.rulebooks.extra-dir:}") String extraDir) {
        return new RulebookLoader().loadAll(extraDir);
    }

    @Bean
    public ObligationEngine obligationEngine(
            @Value("${tracker.obligations.due-soon-days:" + ObligationEngine.DEFAULT_DUE_SOON_DAYS + "}") int dueSoonDays) {
        return new ObligationEngine(dueSoonDays);
    }
}
