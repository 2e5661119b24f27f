package eu.aiact.tracker.notifier.rest;

import static eu.aiact.tracker.web.security.AccessRules.reads;
import static eu.aiact.tracker.web.security.AccessRules.roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import eu.aiact.tracker.web.security.AccessRules;
import eu.aiact.tracker.web.security.Role;

/**
 * Who may call the notifier at all. Running it (clock, sweeps, dispatches, dead letters) and the record of events taken in, which spans
 * every organisation, are the administrator's; who receives an organisation's alerts is configured by its CIO office and read by it and
 * its auditors; alerts are read by every organisation role and acknowledged by the CIO office; the coverage view is the administrator's
 * (every organisation) and the CIO offices' (their own). The endpoints check the organisation itself: these rules only say which
 * roles may try. Anything else under {@code /api} is refused, so that a new endpoint is closed until a rule names it.
 */
@Configuration
public class NotifierAccessRules {

    @Bean
    AccessRules notifierRules() {
        return requests -> requests
                .requestMatchers("/api/admin", "/api/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers("/api/seen-events", "/api/seen-events/**").hasRole(Role.ADMIN.name())
                .requestMatchers(HttpMethod.PUT, "/api/organisations/*/recipients").hasRole(Role.CIO.name())
                .requestMatchers(reads("/api/organisations/*/recipients")).hasAnyRole(roles(Role.CIO, Role.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/alerts/*/acknowledgements").hasRole(Role.CIO.name())
                .requestMatchers(reads("/api/coverage")).hasAnyRole(roles(Role.ADMIN, Role.CIO))
                .requestMatchers(reads("/api/alerts", "/api/alerts/**"))
                .hasAnyRole(roles(Role.REGISTRAR, Role.CIO, Role.AUDITOR, Role.VIEWER))
                .requestMatchers("/api/**").denyAll();
    }
}
