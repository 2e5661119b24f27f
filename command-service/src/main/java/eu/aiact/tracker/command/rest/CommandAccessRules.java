package eu.aiact.tracker.command.rest;

import static eu.aiact.tracker.web.security.AccessRules.reads;
import static eu.aiact.tracker.web.security.AccessRules.roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import eu.aiact.tracker.web.security.AccessRules;
import eu.aiact.tracker.web.security.Role;

/**
 * Who may call the command service at all: registrars and CIO offices send commands (for their own organisations, checked per command),
 * administrators apply rulebook versions, auditors verify the event chain (exporting it, with every organisation's events, needs an
 * auditor of all organisations, checked by the endpoint); anyone signed in reads the catalogue of legal provisions.
 */
@Configuration
public class CommandAccessRules {

    @Bean
    AccessRules commandServiceRules() {
        return requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/rulebooks/*/applications").hasRole(Role.ADMIN.name())
                .requestMatchers(reads("/api/audit/**")).hasRole(Role.AUDITOR.name())
                .requestMatchers(reads("/api/provisions")).authenticated()
                .requestMatchers("/api/systems", "/api/systems/**").hasAnyRole(roles(Role.REGISTRAR, Role.CIO))
                .requestMatchers(HttpMethod.POST, "/api/imports").hasAnyRole(roles(Role.REGISTRAR, Role.CIO))
                .requestMatchers("/api/**").denyAll();
    }
}
