package eu.aiact.tracker.webapp.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * Sign-in with OpenID Connect, authorisation code with PKCE (S256), against the configured issuer. The tokens stay in the server-side
 * session (never in a URL, a cookie or the page); the browser holds only the session cookie (HttpOnly, SameSite=Lax). Every form carries
 * a CSRF token. Logout ends the session, and, when the provider offers it, the provider's session too (RP-initiated logout). Styles,
 * scripts and health are open; every page needs a signed-in user.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration {

    /** The client registration's id: {@code spring.security.oauth2.client.registration.tracker.*}. */
    public static final String REGISTRATION = "tracker";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'self'; form-action 'self' %s; frame-ancestors 'none'";

    @Bean
    SecurityFilterChain webSecurity(HttpSecurity http, ClientRegistrationRepository registrations) throws Exception {
        DefaultOAuth2AuthorizationRequestResolver resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations,
                "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        OidcClientInitiatedLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        logoutSuccess.setPostLogoutRedirectUri("{baseUrl}/signed-out");
        String issuer = registrations.findByRegistrationId(REGISTRATION).getProviderDetails().getAuthorizationUri();
        String issuerOrigin = java.net.URI.create(issuer).resolve("/").toString().replaceAll("/$", "");
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers("/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/signed-out", "/error",
                                "/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().authenticated())
                .oauth2Login(login -> login.authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(resolver))
                        .loginPage("/oauth2/authorization/" + REGISTRATION))
                .oauth2Client(Customizer.withDefaults())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessHandler(logoutSuccess).invalidateHttpSession(true)
                        .deleteCookies("JSESSIONID"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP.formatted(issuerOrigin)))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frames -> frames.deny()))
                .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                        (request, response, e) -> {
                            // htmx asks in the background: tell it to load the sign-in page as a whole
                            response.setHeader("HX-Redirect", "/oauth2/authorization/" + REGISTRATION);
                            response.setStatus(401);
                        }, request -> request.getHeader("HX-Request") != null));
        return http.build();
    }

    /** Hands out the signed-in user's access token for calls to the services (and refreshes it when the provider gave a refresh token). */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository clients) {
        DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().refreshToken().build());
        return manager;
    }
}
