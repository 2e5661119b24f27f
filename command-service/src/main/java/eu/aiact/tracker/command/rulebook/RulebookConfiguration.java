package eu.aiact.tracker.command.rulebook;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

import eu.aiact.tracker.domain.obligation.ObligationCodes;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;
import eu.aiact.tracker.domain.rulebook.InvalidRulebookException;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * The law the command service checks commands against and records as applicable, loaded at start-up: the catalogue of legal provisions
 * (classification bases), and the rulebooks (the shipped files plus those in {@code tracker.rulebooks.extra-dir}, the same directory the
 * query service reads) whose rule codes evidence may name and whose versions {@link RulebookApplicability} records when their date
 * comes. A bad file throws {@link InvalidRulebookException}, which stops the service naming file, rule and problem.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@EnableConfigurationProperties(RulebookApplicabilityProperties.class)
public class RulebookConfiguration {

    @Bean
    public ProvisionCatalogue provisionCatalogue() {
        return ProvisionCatalogue.shipped();
    }

    @Bean
    public Rulebooks rulebooks(ProvisionCatalogue provisions, RulebookApplicabilityProperties properties) {
        return new RulebookLoader(provisions).loadAll(properties.extraDir());
    }

    @Bean
    public ObligationCodes obligationCodes(Rulebooks rulebooks) {
        return new ObligationCodes(rulebooks, new ObligationEngine());
    }
}
