package eu.aiact.tracker.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A development OAuth2 token issuer, for the local stack and the tests only: it signs RS256 JWTs with a key of its own (kept in a file
 * when one is given, so tokens survive a restart), publishes the key set, and hands out tokens on loopback only.
 * <ul>
 * <li>{@code GET /.well-known/openid-configuration} and {@code GET /jwks}: discovery and the public key set;</li>
 * <li>{@code POST /token} with {@code username=<user>}: a token for one of the configured demo users (no password: development only);</li>
 * <li>{@code POST /token} with {@code grant_type=client_credentials}, {@code client_id} and {@code client_secret} (form or HTTP Basic):
 * a token for a configured service client;</li>
 * <li>{@code GET /users}: the demo users and their roles.</li>
 * </ul>
 * Tokens carry {@code sub} (the user), {@code roles} ({@code role:organisation} strings), {@code iss}, {@code iat}, {@code exp} and {@code jti}.
 */
public final class DevIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);
    private static final Duration LIFETIME = Duration.ofHours(8);

    /** A service client: its secret and the roles its tokens carry. */
    public record Client(String secret, List<String> roles) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final Map<String, List<String>> users;
    private final Map<String, Client> clients;

    private DevIssuer(HttpServer server, RSAKey key, Map<String, List<String>> users, Map<String, Client> clients) {
        this.server = server;
        this.key = key;
        this.issuer = "http://localhost:" + server.getAddress().getPort();
        this.users = new TreeMap<>(users);
        this.clients = Map.copyOf(clients);
    }

    /**
     * Starts the issuer on loopback.
     *
     * @param port the port, 0 for any free one
     * @param keyFile where the signing key is kept (created on first start), or null for a key that lives as long as the process
     */
    public static DevIssuer start(int port, Path keyFile, Map<String, List<String>> users, Map<String, Client> clients) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), keyFile, users, clients);
    }

    /**
     * Starts the issuer on any address: only for a container network (docker-compose), where the services reach it by the container's
     * name. Its tokens still name {@code http://localhost:<port>} as their issuer, the address users on the host fetch them from.
     */
    public static DevIssuer start(InetSocketAddress address, Path keyFile, Map<String, List<String>> users, Map<String, Client> clients)
            throws IOException {
        RSAKey key = loadOrCreateKey(keyFile);
        HttpServer server = HttpServer.create(address, 50);
        DevIssuer issuer = new DevIssuer(server, key, users, clients);
        server.createContext("/.well-known/openid-configuration", issuer::discovery);
        server.createContext("/jwks", issuer::keys);
        server.createContext("/token", issuer::token);
        server.createContext("/users", issuer::listUsers);
        server.start();
        log.info("Development token issuer at {} ({} users, {} service clients)", issuer.issuer, users.size(), clients.size());
        return issuer;
    }

    public String issuerUri() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    public String tokenUri() {
        return issuer + "/token";
    }

    public Map<String, List<String>> users() {
        return users;
    }

    /** A token for one of the configured users. */
    public String tokenFor(String user) {
        List<String> roles = users.get(user);
        if (roles == null) {
            throw new IllegalArgumentException("No development user " + user + "; known: " + users.keySet());
        }
        return mint(user, roles, LIFETIME);
    }

    /** A token for any subject and roles (tests make tokens for users that are not configured, and expired ones). */
    public String mint(String subject, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject(subject).claim("roles", roles).issueTime(Date.from(now))
                .notBeforeTime(Date.from(now.minusSeconds(5))).expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a development token", e);
        }
        return jwt.serialize();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("issuer", issuer);
        document.put("jwks_uri", jwkSetUri());
        document.put("token_endpoint", tokenUri());
        document.put("grant_types_supported", List.of("client_credentials", "password"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
        document.put("response_types_supported", List.of("token"));
        answer(exchange, 200, JSONObjectUtils.toJSONString(document));
    }

    private void keys(HttpExchange exchange) throws IOException {
        answer(exchange, 200, JSONObjectUtils.toJSONString(new JWKSet(key.toPublicJWK()).toJSONObject()));
    }

    private void listUsers(HttpExchange exchange) throws IOException {
        answer(exchange, 200, JSONObjectUtils.toJSONString(new LinkedHashMap<>(users)));
    }

    private void token(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            error(exchange, 405, "invalid_request", "POST a form to /token");
            return;
        }
        Map<String, String> form;
        try (InputStream body = exchange.getRequestBody()) {
            form = parseForm(new String(body.readNBytes(8192), StandardCharsets.UTF_8));
        }
        String grant = form.getOrDefault("grant_type", "password");
        if ("client_credentials".equals(grant)) {
            String[] basic = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
            String id = basic != null ? basic[0] : form.get("client_id");
            String secret = basic != null ? basic[1] : form.get("client_secret");
            Client client = id == null ? null : clients.get(id);
            if (client == null || secret == null || !MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8),
                    secret.getBytes(StandardCharsets.UTF_8))) {
                error(exchange, 401, "invalid_client", "unknown client or wrong secret");
                return;
            }
            issued(exchange, mint(id, client.roles(), LIFETIME));
        } else if ("password".equals(grant)) {
            String user = form.get("username");
            if (user == null || !users.containsKey(user)) {
                error(exchange, 400, "invalid_grant", "unknown user; GET /users lists the development users");
                return;
            }
            issued(exchange, tokenFor(user));
        } else {
            error(exchange, 400, "unsupported_grant_type", "use client_credentials or password");
        }
    }

    private void issued(HttpExchange exchange, String token) throws IOException {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", token);
        answer.put("token_type", "Bearer");
        answer.put("expires_in", LIFETIME.toSeconds());
        answer(exchange, 200, JSONObjectUtils.toJSONString(answer));
    }

    private static void error(HttpExchange exchange, int status, String code, String description) throws IOException {
        answer(exchange, status, JSONObjectUtils.toJSONString(Map.of("error", code, "error_description", description)));
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static Map<String, String> parseForm(String body) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static String[] basicCredentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }

    private static RSAKey loadOrCreateKey(Path keyFile) throws IOException {
        try {
            if (keyFile != null && Files.exists(keyFile)) {
                return RSAKey.parse(Files.readString(keyFile));
            }
            RSAKey key = new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).keyID(UUID.randomUUID().toString()).generate();
            if (keyFile != null) {
                Files.createDirectories(keyFile.toAbsolutePath().getParent());
                Files.writeString(keyFile, key.toJSONString());
                try {
                    Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // the key stays readable by others on such a file system; it is a development key
                }
            }
            return key;
        } catch (JOSEException | java.text.ParseException e) {
            throw new IOException("Could not load or create the development signing key " + keyFile, e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
