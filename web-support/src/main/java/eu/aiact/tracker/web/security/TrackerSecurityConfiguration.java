package eu.aiact.tracker.web.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
                .jwt(jwt -> jwt.jwtAuthenticationConverter(token -> converter.convert(usable(token, properties.actorClaim())))));
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

    /**
     * A validly signed token is still refused (401, the answer names the claim) when it never expires or names no caller: {@code exp}
     * is required, and so is the actor claim ({@code sub} unless configured otherwise), which commands record as their actor.
     */
    static Jwt usable(Jwt jwt, String actorClaim) {
        if (jwt.getExpiresAt() == null) {
            throw new UnusableTokenException("The bearer token has no 'exp' claim: tokens must expire; ask the issuer for one that does");
        }
        Object actor = jwt.getClaims().get(actorClaim);
        if (!(actor instanceof String name) || name.isBlank()) {
            throw new UnusableTokenException("The bearer token has no '" + actorClaim + "' claim: it must name the caller, whom the "
                    + "tracker records as the actor of what the caller does");
        }
        return jwt;
    }

    /** Roles already reported as ignored, so that a token used for many requests is logged once per odd role. */
    private static final Set<String> reported = ConcurrentHashMap.newKeySet();

    /** The token's roles as grants, parsed strictly ({@link Grant#parse}); a role that is no grant is ignored and logged. */
    static Collection<GrantedAuthority> grants(Jwt jwt, String claim) {
        Object value = jwt.getClaims().get(claim);
        List<String> roles = new ArrayList<>();
        if (value instanceof Collection<?> list) {
            for (Object role : list) {
                roles.add(role instanceof String text ? text : String.valueOf(role));
            }
        } else if (value instanceof String text) {
            roles.addAll(List.of(text.split(",", -1)));
        }
        List<GrantedAuthority> grants = new ArrayList<>();
        for (String role : roles) {
            String problem = Grant.problem(role);
            if (problem == null) {
                grants.add(Grant.parse(role).orElseThrow());
            } else if (reported.size() < 10_000 && reported.add(role)) {
                log.warn("Ignored the role '{}' of a token of {} (claim {}): {}", printable(role), printable(jwt.getSubject()), claim,
                        problem);
            }
        }
        return grants;
    }

    private static String printable(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        text.codePoints().limit(200).forEach(c -> {
            if (Character.getType(c) == Character.CONTROL) {
                out.append(String.format("\\u%04X", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
