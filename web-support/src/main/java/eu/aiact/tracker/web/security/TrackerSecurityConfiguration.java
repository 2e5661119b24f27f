package eu.aiact.tracker.web.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Every service's security: a stateless OAuth2 resource server that accepts the configured issuer's JWT bearer tokens and reads the
 * caller's roles per organisation from a claim. Health, {@code /error} and the OpenAPI description are open; the rest of {@code /actuator} is for administrators;
 * each service adds its {@link AccessRules}; anything else needs an authenticated caller, and endpoints check organisations through
 * {@link Caller}. With {@code tracker.security.enabled=false} every request is let through (development and tests), with a warning.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableWebSecurity
@EnableConfigurationProperties(SecurityProperties.class)
@Import(AccessRefusedAdvice.class)
public class TrackerSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TrackerSecurityConfiguration.class);

    @Bean
    SecurityFilterChain trackerSecurity(HttpSecurity http, SecurityProperties properties, ObjectProvider<AccessRules> rules,
            ObjectProvider<JwtDecoder> decoder) throws Exception {
        ProblemResponses problems = new ProblemResponses();
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable())
                .exceptionHandling(handling -> handling.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        if (!properties.enabled()) {
            log.warn("SECURITY IS OFF (tracker.security.enabled=false): every request is accepted without a token. Development and tests only.");
            http.anonymous(anonymous -> anonymous.principal("security-off").authorities(Caller.OPEN_AUTHORITY))
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
        if (decoder.getIfAvailable() == null) {
            throw new IllegalStateException("tracker.security.enabled is true but no token issuer is configured: set "
                    + "spring.security.oauth2.resourceserver.jwt.issuer-uri (or jwk-set-uri), or tracker.security.enabled=false for development");
        }
        BearerTokens tokens = new BearerTokens();
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setPrincipalClaimName(properties.actorClaim());
        converter.setJwtGrantedAuthoritiesConverter(jwt -> grants(jwt, properties.rolesClaim()));
        http.oauth2ResourceServer(server -> server.bearerTokenResolver(tokens).authenticationEntryPoint(problems).accessDeniedHandler(problems)
                .jwt(jwt -> jwt.jwtAuthenticationConverter(converter)));
        http.authorizeHttpRequests(requests -> {
            requests.requestMatchers("/error", "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll();
            // the description of the REST surface (OpenAPI) is public; reading it gives no data
            requests.requestMatchers(AccessRules.reads("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")).permitAll();
            requests.requestMatchers("/actuator/**").hasRole(Role.ADMIN.name());
            rules.orderedStream().forEach(rule -> rule.apply(requests));
            requests.anyRequest().authenticated();
        });
        return http.build();
    }

    /**
     * Spring Security's firewall, which also allows semicolons in paths: organisation names may hold them, and they appear (encoded) in
     * paths such as {@code /api/organisations/{organisation}/deadlines.ics}. Encoded slashes and the like stay refused.
     */
    @Bean
    WebSecurityCustomizer trackerFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowSemicolon(true);
        return web -> web.httpFirewall(firewall);
    }

    static Collection<GrantedAuthority> grants(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        List<GrantedAuthority> grants = new ArrayList<>();
        if (value instanceof Collection<?> roles) {
            for (Object role : roles) {
                if (role instanceof String text) {
                    Grant.parse(text).ifPresent(grants::add);
                }
            }
        } else if (value instanceof String text) {
            for (String role : text.split(",")) {
                Grant.parse(role).ifPresent(grants::add);
            }
        }
        return grants;
    }
}
