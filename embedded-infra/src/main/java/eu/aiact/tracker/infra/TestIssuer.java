package eu.aiact.tracker.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The security tests' token issuer: one {@link DevIssuer} per test JVM on a free port, and the properties that make a service trust it.
 */
public final class TestIssuer {

    private static DevIssuer issuer;

    private TestIssuer() {
    }

    public static synchronized DevIssuer get() {
        if (issuer == null) {
            try {
                issuer = DevIssuer.start(0, null, Map.of(), Map.of("test-service", new DevIssuer.Client("test-secret", List.of("admin"))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(issuer::close, "test-issuer-stop"));
        }
        return issuer;
    }

    /** Security on, trusting this issuer. */
    public static Map<String, String> springProperties() {
        DevIssuer current = get();
        return Map.of("tracker.security.enabled", "true",
                "spring.security.oauth2.resourceserver.jwt.issuer-uri", current.issuerUri(),
                "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", current.jwkSetUri());
    }

    /** A token for the subject with these roles ({@code role:organisation}), valid for an hour. */
    public static String token(String subject, String... roles) {
        return get().mint(subject, List.of(roles), Duration.ofHours(1));
    }
}
