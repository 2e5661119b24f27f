package eu.aiact.tracker.query.access;

import static eu.aiact.tracker.web.security.AccessRules.reads;
import static eu.aiact.tracker.web.security.AccessRules.roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;

import eu.aiact.tracker.web.security.AccessRules;
import eu.aiact.tracker.web.security.Role;

/**
 * Who may call which query endpoints at all; {@link OrganisationScope} then limits each answer to the caller's organisations.
 * Dashboards (portfolio, obligation lists, calendars) are for every role of an organisation; the systems themselves and their exports
 * for registrars, CIO offices and auditors; the audit views (history across systems, as-of) for auditors and CIO offices; rebuilds and dead
 * letters for administrators. The rulebooks (the law) are for anyone signed in.
 */
@Configuration
public class QueryAccessRules {

    @Bean
    AccessRules queryServiceRules() {
        String[] dashboards = roles(Role.VIEWER, Role.REGISTRAR, Role.CIO, Role.AUDITOR);
        String[] readers = roles(Role.REGISTRAR, Role.CIO, Role.AUDITOR);
        String[] auditors = roles(Role.AUDITOR, Role.CIO);
        return requests -> requests
                .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(reads("/api/rulebooks", "/api/rulebooks/**")).authenticated()
                .requestMatchers(reads("/api/history", "/api/history/**", "/api/systems/*/as-of", "/api/organisations/*/as-of"))
                .hasAnyRole(auditors)
                .requestMatchers(reads("/api/obligations", "/api/portfolio", "/api/portfolio/**",
                        "/api/organisations/*/deadlines.ics", "/dashboard", "/dashboard/**")).hasAnyRole(dashboards)
                .requestMatchers(reads("/api/systems", "/api/systems/**", "/api/exports/**")).hasAnyRole(readers)
                .requestMatchers("/api/**", "/dashboard/**").denyAll();
    }
}
