package eu.aiact.tracker.webapp.security;

import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.webapp.WebProperties;
import tools.jackson.databind.json.JsonMapper;

/** Reads the signed-in user's name and roles from the ID token (or, when the provider puts the roles only there, the access token). */
@Component
public class CurrentUser {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final WebProperties properties;

    public CurrentUser(WebProperties properties) {
        this.properties = properties;
    }

    public SignedInUser of(Authentication authentication, String accessToken) {
        if (authentication == null || !(authentication.getPrincipal() instanceof OidcUser oidc)) {
            return null;
        }
        Object roles = oidc.getClaims().get(properties.rolesClaim());
        if (roles == null && accessToken != null) {
            roles = claimsOf(accessToken).get(properties.rolesClaim());
        }
        String name = oidc.getPreferredUsername() != null ? oidc.getPreferredUsername() : oidc.getSubject();
        return SignedInUser.of(name, roleList(roles));
    }

    private static List<String> roleList(Object roles) {
        if (roles instanceof Collection<?> list) {
            return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        }
        if (roles instanceof String text) {
            return List.of(text.split(","));
        }
        return List.of();
    }

    /** The claims of a JWT access token, read without checking it: only to choose which links to show; the services check it. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> claimsOf(String token) {
        String[] parts = token.split("\\.");
        if (parts.length < 2) {
            return Map.of();
        }
        try {
            return JSON.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class);
        } catch (RuntimeException notAJwt) {
            return Map.of();
        }
    }
}
