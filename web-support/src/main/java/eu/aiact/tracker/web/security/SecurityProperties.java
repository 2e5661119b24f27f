package eu.aiact.tracker.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.security.*}: bearer tokens are required unless {@code enabled} is false (development and tests only; the service then
 * warns at start-up). The token's issuer and keys are Spring Boot's {@code spring.security.oauth2.resourceserver.jwt.*}.
 *
 * @param enabled whether requests need a bearer token
 * @param rolesClaim the claim holding the caller's roles as {@code role:organisation} strings
 * @param actorClaim the claim naming the caller, recorded as the actor of its commands
 */
@ConfigurationProperties("tracker.security")
public record SecurityProperties(@DefaultValue("true") boolean enabled, @DefaultValue("roles") String rolesClaim,
        @DefaultValue("sub") String actorClaim) {
}
