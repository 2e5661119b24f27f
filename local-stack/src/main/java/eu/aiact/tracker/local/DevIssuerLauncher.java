package eu.aiact.tracker.local;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import eu.aiact.tracker.infra.DevIssuer;

/**
 * {@code java -cp local-stack-exec.jar eu.aiact.tracker.local.DevIssuerLauncher [--bind 0.0.0.0] [--port 8090] [--key FILE]
 * [--client-secret S]}: the local stack's development token issuer on its own, for docker-compose. Users from
 * {@code dev-users.properties}; the service client {@code query-service} with the given secret (role admin). Development only.
 */
public final class DevIssuerLauncher {

    private DevIssuerLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        int port = Integer.parseInt(LocalStackLauncher.option(arguments, "--port", "8090"));
        String secret = LocalStackLauncher.option(arguments, "--client-secret", System.getenv().getOrDefault("TRACKER_CLIENT_SECRET", ""));
        if (secret.length() < 16) {
            throw new IllegalArgumentException("--client-secret (or TRACKER_CLIENT_SECRET) of at least 16 characters is required");
        }
        DevIssuer issuer = DevIssuer.start(new InetSocketAddress(LocalStackLauncher.option(arguments, "--bind", "127.0.0.1"), port),
                Path.of(LocalStackLauncher.option(arguments, "--key", "dev-issuer/signing-key.json")), LocalStack.developmentUsers(),
                Map.of("query-service", new DevIssuer.Client(secret, List.of("admin"))));
        System.out.println("Development token issuer at " + issuer.issuerUri() + " (users: " + issuer.users().keySet() + ")");
        new CountDownLatch(1).await();
    }
}
