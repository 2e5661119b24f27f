package eu.aiact.tracker.command.rulebook;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.aiact.tracker.domain.obligation.ObligationCodes;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;
import eu.aiact.tracker.domain.rulebook.InvalidRulebookException;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * The law the command service checks commands against, loaded at start-up: the catalogue of legal provisions (classification bases), and
 * the rulebooks (the shipped files plus those in {@code tracker.rulebooks.extra-dir}, the same directory the query service reads) whose
 * rule codes evidence may name. A bad file throws {@link InvalidRulebookException}, which stops the service naming file, rule and problem.
 */
@Configuration(proxyBeanMethods = false)
public class RulebookConfiguration {

    @Bean
    public ProvisionCatalogue provisionCatalogue() {
        return ProvisionCatalogue.shipped();
    }

    @Bean
    public Rulebooks rulebooks(ProvisionCatalogue provisions, @Value("${tracker.rulebooks.extra-dir:}") String extraDir) {
        return new RulebookLoader(provisions).loadAll(extraDir);
    }

    @Bean
    public ObligationCodes obligationCodes(Rulebooks rulebooks) {
        return new ObligationCodes(rulebooks, new ObligationEngine());
    }
}
