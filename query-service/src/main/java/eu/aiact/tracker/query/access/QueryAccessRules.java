package eu.aiact.tracker.query.access;

import static eu.aiact.tracker.web.security.AccessRules.reads;
import static eu.aiact.tracker.web.security.AccessRules.roles;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
                // a calendar client sends no header: the feed link's secret is the credential (FeedController)
                .requestMatchers(reads("/feeds/*/deadlines.ics")).permitAll()
                // the former dashboard pages only redirect to the web application, which signs the user in
                .requestMatchers(reads("/dashboard", "/dashboard/**")).permitAll()
                .requestMatchers("/api/feeds", "/api/feeds/**").hasAnyRole(dashboards)
                .requestMatchers("/api/admin/**").hasRole(Role.ADMIN.name())
                .requestMatchers(reads("/api/rulebooks", "/api/rulebooks/**")).authenticated()
                .requestMatchers(reads("/api/history", "/api/history/**", "/api/systems/*/as-of", "/api/organisations/*/as-of"))
                .hasAnyRole(auditors)
                .requestMatchers(reads("/api/obligations", "/api/portfolio", "/api/portfolio/**",
                        "/api/organisations/*/deadlines.ics")).hasAnyRole(dashboards)
                .requestMatchers(reads("/api/systems", "/api/systems/**", "/api/exports/**")).hasAnyRole(readers)
                .requestMatchers("/api/**").denyAll();
    }
}
