package eu.aiact.tracker.local;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import eu.aiact.tracker.infra.DevIssuer;

/**
 * {@code java -cp local-stack-exec.jar eu.aiact.tracker.local.DevIssuerLauncher [--bind 0.0.0.0] [--port 8090] [--key FILE]
 * [--client-secret S] [--web-client-secret S] [--web-url http://localhost:8080]}: the local stack's development token issuer on its own,
 * for docker-compose. Users from {@code dev-users.properties}; the service client {@code query-service} with the given secret (role
 * admin); the web application's sign-in client {@code web} (redirects to {@code <web-url>/login/oauth2/code/tracker}) when a web client
 * secret is given ({@code --web-client-secret} or {@code TRACKER_WEB_CLIENT_SECRET}). Development only.
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
        String webSecret = LocalStackLauncher.option(arguments, "--web-client-secret", System.getenv().getOrDefault("TRACKER_WEB_CLIENT_SECRET", ""));
        String webUrl = LocalStackLauncher.option(arguments, "--web-url", "http://localhost:8080");
        Map<String, DevIssuer.LoginClient> web = webSecret.isEmpty() ? Map.of() : Map.of(LocalStack.WEB_CLIENT,
                new DevIssuer.LoginClient(webSecret, List.of(webUrl + "/login/oauth2/code/tracker"), List.of(webUrl + "/signed-out")));
        DevIssuer issuer = DevIssuer.start(new InetSocketAddress(LocalStackLauncher.option(arguments, "--bind", "127.0.0.1"), port),
                Path.of(LocalStackLauncher.option(arguments, "--key", "dev-issuer/signing-key.json")), LocalStack.developmentUsers(),
                Map.of("query-service", new DevIssuer.Client(secret, List.of("admin"))), web);
        System.out.println("Development token issuer at " + issuer.issuerUri() + " (users: " + issuer.users().keySet() + ")");
        new CountDownLatch(1).await();
    }
}
