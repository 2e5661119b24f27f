package eu.aiact.tracker.infra;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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
 * <li>{@code GET /users}: the demo users and their roles;</li>
 * <li>OpenID Connect sign-in for a web application (a registered {@link LoginClient}): {@code GET /authorize} (authorisation code flow,
 * PKCE with S256 required) shows a page on which one picks a development user, {@code POST /authorize} redirects back with a one-time
 * code, {@code POST /token} with {@code grant_type=authorization_code} exchanges it (client secret and {@code code_verifier} checked)
 * for an access token and an ID token; {@code GET /userinfo} (bearer) and {@code GET /logout} (RP-initiated logout, back to a registered
 * {@code post_logout_redirect_uri}).</li>
 * </ul>
 * Tokens carry {@code sub} (the user), {@code roles} ({@code role:organisation} strings), {@code iss}, {@code iat}, {@code exp} and {@code jti}.
 */
public final class DevIssuer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DevIssuer.class);
    private static final Duration LIFETIME = Duration.ofHours(8);

    /** A service client: its secret and the roles its tokens carry. */
    public record Client(String secret, List<String> roles) {
    }

    /**
     * A web application that signs its users in here (authorisation code with PKCE): its secret (null for a public client, which then
     * proves itself by PKCE alone), the redirect URIs it may use (exact match) and where it may send users after signing out.
     */
    public record LoginClient(String secret, List<String> redirectUris, List<String> postLogoutRedirectUris) {
    }

    private static final Duration CODE_LIFETIME = Duration.ofMinutes(2);

    /** An issued authorisation code, until it is exchanged (once) or expires. */
    private record PendingCode(String clientId, String redirectUri, String user, String nonce, String codeChallenge, String scope,
            Instant expiresAt) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final String issuer;
    private final Map<String, List<String>> users;
    private final Map<String, Client> clients;
    private final Map<String, LoginClient> loginClients;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();

    private DevIssuer(HttpServer server, RSAKey key, Map<String, List<String>> users, Map<String, Client> clients,
            Map<String, LoginClient> loginClients) {
        this.server = server;
        this.key = key;
        this.issuer = "http://localhost:" + server.getAddress().getPort();
        this.users = new TreeMap<>(users);
        this.clients = Map.copyOf(clients);
        this.loginClients = Map.copyOf(loginClients);
    }

    /**
     * Starts the issuer on loopback.
     *
     * @param port the port, 0 for any free one
     * @param keyFile where the signing key is kept (created on first start), or null for a key that lives as long as the process
     */
    public static DevIssuer start(int port, Path keyFile, Map<String, List<String>> users, Map<String, Client> clients) throws IOException {
        return start(port, keyFile, users, clients, Map.of());
    }

    /** As {@link #start(int, Path, Map, Map)}, with web applications that sign their users in here. */
    public static DevIssuer start(int port, Path keyFile, Map<String, List<String>> users, Map<String, Client> clients,
            Map<String, LoginClient> loginClients) throws IOException {
        return start(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), keyFile, users, clients, loginClients);
    }

    /**
     * Starts the issuer on any address: only for a container network (docker-compose), where the services reach it by the container's
     * name. Its tokens still name {@code http://localhost:<port>} as their issuer, the address users on the host fetch them from.
     */
    public static DevIssuer start(InetSocketAddress address, Path keyFile, Map<String, List<String>> users, Map<String, Client> clients)
            throws IOException {
        return start(address, keyFile, users, clients, Map.of());
    }

    /** As {@link #start(InetSocketAddress, Path, Map, Map)}, with web applications that sign their users in here. */
    public static DevIssuer start(InetSocketAddress address, Path keyFile, Map<String, List<String>> users, Map<String, Client> clients,
            Map<String, LoginClient> loginClients) throws IOException {
        RSAKey key = loadOrCreateKey(keyFile);
        HttpServer server = HttpServer.create(address, 50);
        DevIssuer issuer = new DevIssuer(server, key, users, clients, loginClients);
        server.createContext("/.well-known/openid-configuration", issuer::discovery);
        server.createContext("/jwks", issuer::keys);
        server.createContext("/token", issuer::token);
        server.createContext("/users", issuer::listUsers);
        server.createContext("/authorize", issuer::authorize);
        server.createContext("/userinfo", issuer::userInfo);
        server.createContext("/logout", issuer::logout);
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

    public String authorizationUri() {
        return issuer + "/authorize";
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

    /**
     * A token with exactly these claims (and {@code iss}), signed with the issuer's key: tests of tokens that are validly signed but
     * lack what the tracker requires ({@code exp}, {@code sub}) or carry odd roles.
     */
    public String mintClaims(Map<String, Object> claims) {
        JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder().issuer(issuer);
        claims.forEach(builder::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                builder.build());
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
        document.put("authorization_endpoint", authorizationUri());
        document.put("token_endpoint", tokenUri());
        document.put("userinfo_endpoint", issuer + "/userinfo");
        document.put("end_session_endpoint", issuer + "/logout");
        document.put("grant_types_supported", List.of("authorization_code", "client_credentials", "password"));
        document.put("response_types_supported", List.of("code"));
        document.put("response_modes_supported", List.of("query"));
        document.put("code_challenge_methods_supported", List.of("S256"));
        document.put("token_endpoint_auth_methods_supported", List.of("client_secret_basic", "client_secret_post", "none"));
        document.put("scopes_supported", List.of("openid", "profile"));
        document.put("claims_supported", List.of("sub", "name", "preferred_username", "roles", "iss", "aud", "exp", "iat", "nonce"));
        document.put("id_token_signing_alg_values_supported", List.of("RS256"));
        document.put("subject_types_supported", List.of("public"));
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
        if ("authorization_code".equals(grant)) {
            exchangeCode(exchange, form);
        } else if ("client_credentials".equals(grant)) {
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
            error(exchange, 400, "unsupported_grant_type", "use authorization_code, client_credentials or password");
        }
    }

    /** {@code GET /authorize}: checks the request, then shows the page on which one picks a development user. */
    private void authorize(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        Map<String, String> parameters;
        if ("GET".equals(method)) {
            parameters = parseForm(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        } else if ("POST".equals(method)) {
            try (InputStream body = exchange.getRequestBody()) {
                parameters = parseForm(new String(body.readNBytes(16384), StandardCharsets.UTF_8));
            }
        } else {
            page(exchange, 405, "Niet toegestaan / Not allowed", "<p>GET of POST.</p>");
            return;
        }
        String clientId = parameters.get("client_id");
        LoginClient client = clientId == null ? null : loginClients.get(clientId);
        String redirectUri = parameters.get("redirect_uri");
        if (client == null || redirectUri == null || !client.redirectUris().contains(redirectUri)) {
            // never redirect to an address the client did not register
            page(exchange, 400, "Onbekende toepassing / Unknown application",
                    "<p>client_id of redirect_uri is niet geregistreerd bij de ontwikkel-issuer.</p>"
                            + "<p lang=\"en\">The client_id or redirect_uri is not registered with the development issuer.</p>");
            return;
        }
        String state = parameters.get("state");
        String problem = null;
        if (!"code".equals(parameters.get("response_type"))) {
            problem = "unsupported_response_type";
        } else if (parameters.get("scope") == null || !List.of(parameters.get("scope").split(" ")).contains("openid")) {
            problem = "invalid_scope";
        } else if (parameters.get("code_challenge") == null || !"S256".equals(parameters.get("code_challenge_method"))) {
            problem = "invalid_request";
        }
        if (problem != null) {
            redirect(exchange, redirectUri, linked("error", problem, "error_description",
                    problem.equals("invalid_request") ? "PKCE is required: code_challenge with code_challenge_method=S256" : problem,
                    "state", state));
            return;
        }
        if ("GET".equals(method) || parameters.get("user") == null) {
            loginPage(exchange, parameters);
            return;
        }
        String user = parameters.get("user");
        if (!users.containsKey(user)) {
            loginPage(exchange, parameters);
            return;
        }
        String code = randomToken();
        codes.put(code, new PendingCode(clientId, redirectUri, user, parameters.get("nonce"), parameters.get("code_challenge"),
                parameters.get("scope"), Instant.now().plus(CODE_LIFETIME)));
        log.info("Development sign-in of {} for client {}", user, clientId);
        redirect(exchange, redirectUri, linked("code", code, "state", state));
    }

    private void loginPage(HttpExchange exchange, Map<String, String> parameters) throws IOException {
        StringBuilder hidden = new StringBuilder();
        for (String name : List.of("response_type", "client_id", "redirect_uri", "scope", "state", "nonce", "code_challenge",
                "code_challenge_method")) {
            if (parameters.get(name) != null) {
                hidden.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(html(parameters.get(name)))
                        .append("\">");
            }
        }
        StringBuilder list = new StringBuilder("<ul class=\"users\">");
        users.forEach((user, roles) -> list.append("<li><button type=\"submit\" name=\"user\" value=\"").append(html(user))
                .append("\"><span class=\"user\">").append(html(user)).append("</span> <span class=\"roles\">")
                .append(html(String.join(", ", roles))).append("</span></button></li>"));
        list.append("</ul>");
        page(exchange, 200, "Aanmelden als ontwikkelgebruiker",
                "<p>Ontwikkel-issuer: geen wachtwoorden, alleen voor ontwikkeling. Kies met welke gebruiker u zich aanmeldt.</p>"
                        + "<p lang=\"en\">Development issuer: no passwords, development only. Choose the user to sign in as.</p>"
                        + "<form method=\"post\" action=\"/authorize\">" + hidden + list + "</form>");
    }

    /** {@code POST /token} with {@code grant_type=authorization_code}: the client, the code, its redirect URI and the PKCE verifier. */
    private void exchangeCode(HttpExchange exchange, Map<String, String> form) throws IOException {
        String[] basic = basicCredentials(exchange.getRequestHeaders().getFirst("Authorization"));
        String clientId = basic != null ? basic[0] : form.get("client_id");
        String secret = basic != null ? basic[1] : form.get("client_secret");
        LoginClient client = clientId == null ? null : loginClients.get(clientId);
        if (client == null || client.secret() != null && (secret == null
                || !MessageDigest.isEqual(client.secret().getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8)))) {
            error(exchange, 401, "invalid_client", "unknown client or wrong secret");
            return;
        }
        String code = form.get("code");
        PendingCode pending = code == null ? null : codes.remove(code);
        if (pending == null || pending.expiresAt().isBefore(Instant.now()) || !pending.clientId().equals(clientId)
                || !pending.redirectUri().equals(form.get("redirect_uri"))) {
            error(exchange, 400, "invalid_grant", "unknown, used or expired code, or another client or redirect_uri");
            return;
        }
        String verifier = form.get("code_verifier");
        if (verifier == null || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                pending.codeChallenge().getBytes(StandardCharsets.US_ASCII))) {
            error(exchange, 400, "invalid_grant", "code_verifier does not match the code_challenge (PKCE)");
            return;
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("access_token", tokenFor(pending.user()));
        answer.put("token_type", "Bearer");
        answer.put("expires_in", LIFETIME.toSeconds());
        answer.put("scope", pending.scope());
        answer.put("id_token", idToken(pending.user(), clientId, pending.nonce()));
        answer(exchange, 200, JSONObjectUtils.toJSONString(answer));
    }

    private String idToken(String user, String audience, String nonce) {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer).subject(user).audience(audience)
                .claim("roles", users.get(user)).claim("name", user).claim("preferred_username", user)
                .claim("auth_time", now.getEpochSecond()).issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .jwtID(UUID.randomUUID().toString());
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).type(JOSEObjectType.JWT).build(),
                claims.build());
        try {
            jwt.sign(new RSASSASigner(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("Could not sign a development ID token", e);
        }
        return jwt.serialize();
    }

    /** {@code GET /userinfo} with one of this issuer's tokens: who it is and its roles. */
    private void userInfo(HttpExchange exchange) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String subject = null;
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            try {
                SignedJWT jwt = SignedJWT.parse(header.substring(7).strip());
                if (jwt.verify(new com.nimbusds.jose.crypto.RSASSAVerifier(key.toRSAPublicKey()))
                        && issuer.equals(jwt.getJWTClaimsSet().getIssuer())
                        && jwt.getJWTClaimsSet().getExpirationTime().toInstant().isAfter(Instant.now())) {
                    subject = jwt.getJWTClaimsSet().getSubject();
                }
            } catch (java.text.ParseException | JOSEException invalid) {
                subject = null;
            }
        }
        if (subject == null || !users.containsKey(subject)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            error(exchange, 401, "invalid_token", "a valid access token of this issuer is required");
            return;
        }
        answer(exchange, 200, JSONObjectUtils.toJSONString(linkedObjects("sub", subject, "name", subject, "preferred_username", subject,
                "roles", users.get(subject))));
    }

    /** {@code GET /logout}: there is no session here to end; back to the client's registered address, or a page that says so. */
    private void logout(HttpExchange exchange) throws IOException {
        Map<String, String> parameters = parseForm(exchange.getRequestURI().getRawQuery() == null ? "" : exchange.getRequestURI().getRawQuery());
        String target = parameters.get("post_logout_redirect_uri");
        if (target != null && loginClients.values().stream().anyMatch(c -> c.postLogoutRedirectUris().contains(target))) {
            redirect(exchange, target, linked("state", parameters.get("state")));
            return;
        }
        page(exchange, 200, "Afgemeld / Signed out", "<p>U bent afgemeld.</p><p lang=\"en\">You are signed out.</p>");
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The PKCE S256 transformation: BASE64URL(SHA-256(ASCII(verifier))). */
    static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> linked(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put(keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    private static Map<String, Object> linkedObjects(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void redirect(HttpExchange exchange, String target, Map<String, String> parameters) throws IOException {
        StringBuilder location = new StringBuilder(target);
        char separator = target.contains("?") ? '&' : '?';
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            location.append(separator).append(URLEncoder.encode(parameter.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(parameter.getValue(), StandardCharsets.UTF_8));
            separator = '&';
        }
        exchange.getResponseHeaders().set("Location", location.toString());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private static void page(HttpExchange exchange, int status, String title, String body) throws IOException {
        String html = "<!DOCTYPE html><html lang=\"nl\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + html(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f3f3f3}"
                + "main{max-width:40rem;margin:0 auto;padding:1.5rem;background:#fff}h1{font-size:1.5rem;color:#154273}"
                + ".users{list-style:none;padding:0}.users li{margin:.5rem 0}"
                + "button{width:100%;text-align:left;padding:.75rem 1rem;font:inherit;border:2px solid #154273;background:#fff;"
                + "color:#154273;border-radius:4px;cursor:pointer}button:hover,button:focus{background:#154273;color:#fff}"
                + "button:focus{outline:3px solid #ffb612;outline-offset:2px}.user{font-weight:bold}.roles{display:block;font-size:.9rem}"
                + "</style></head><body><main><h1>" + html(title) + "</h1>" + body + "</main></body></html>";
        byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
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
