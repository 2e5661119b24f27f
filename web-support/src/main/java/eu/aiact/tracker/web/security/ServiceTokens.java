package eu.aiact.tracker.web.security;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service's own bearer token for calls it makes on its own behalf (the query service recording that a rulebook version applies),
 * obtained from the issuer with the OAuth2 client-credentials grant and reused until a minute before it expires. Without a configured
 * client (security off), calls carry {@code X-Actor} with the service's name instead.
 */
public final class ServiceTokens {

    /**
     * @param tokenUri the issuer's token endpoint; empty when no client is configured
     */
    public record Client(String tokenUri, String clientId, String clientSecret) {
        public boolean configured() {
            return tokenUri != null && !tokenUri.isBlank();
        }
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Client client;
    private final String serviceName;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private String token;
    private Instant renewAfter = Instant.MIN;

    public ServiceTokens(Client client, String serviceName) {
        this.client = client;
        this.serviceName = serviceName;
    }

    /** The headers that identify this service to another: its bearer token, or {@code X-Actor} when no client is configured. */
    public Map<String, String> identity() {
        if (!client.configured()) {
            return Map.of("X-Actor", serviceName);
        }
        return Map.of("Authorization", "Bearer " + token());
    }

    private synchronized String token() {
        if (token != null && Instant.now().isBefore(renewAfter)) {
            return token;
        }
        String basic = Base64.getEncoder().encodeToString((URLEncoder.encode(client.clientId(), StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(client.clientSecret(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(client.tokenUri())).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The token endpoint " + client.tokenUri() + " refused client " + client.clientId() + " ("
                        + response.statusCode() + ")");
            }
            JsonNode body = JSON.readTree(response.body());
            token = body.get("access_token").asString();
            long lifetime = body.has("expires_in") ? body.get("expires_in").asLong() : 300;
            renewAfter = Instant.now().plusSeconds(Math.max(0, lifetime - 60));
            return token;
        } catch (IOException e) {
            throw new IllegalStateException("Could not reach the token endpoint " + client.tokenUri(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking for a service token", e);
        }
    }
}
