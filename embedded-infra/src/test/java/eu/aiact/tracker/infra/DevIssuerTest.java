package eu.aiact.tracker.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

/**
 * The development issuer's OpenID Connect sign-in (authorisation code with PKCE), next to the grants it had before (the username form
 * grant and client credentials), over real HTTP.
 */
class DevIssuerTest {

    private static final String REDIRECT = "http://127.0.0.1:18080/login/oauth2/code/tracker";
    private static final String VERIFIER = "dBjftJeZ4CVP-mJ92K9bIQk7Wr3-vV1ujw2bpXyHtTnQhEqHIXv6fo";
    private static DevIssuer issuer;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        issuer = DevIssuer.start(0, null, Map.of("cio-duo", List.of("cio:Dienst Uitvoering Onderwijs"), "admin", List.of("admin")),
                Map.of("svc", new DevIssuer.Client("svc-secret-0123456789", List.of("admin"))),
                Map.of("web", new DevIssuer.LoginClient("web-secret", List.of(REDIRECT), List.of("http://127.0.0.1:18080/"))));
    }

    @AfterAll
    static void stop() {
        issuer.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void discoveryNamesTheCodeFlowWithPkceAndTheOldGrants() throws Exception {
        Map<String, Object> document = JSONObjectUtils.parse(get(issuer.issuerUri() + "/.well-known/openid-configuration").body());
        assertThat(document).containsEntry("issuer", issuer.issuerUri())
                .containsEntry("authorization_endpoint", issuer.issuerUri() + "/authorize")
                .containsEntry("token_endpoint", issuer.issuerUri() + "/token")
                .containsEntry("jwks_uri", issuer.issuerUri() + "/jwks")
                .containsEntry("end_session_endpoint", issuer.issuerUri() + "/logout");
        assertThat((List<Object>) document.get("response_types_supported")).containsExactly("code");
        assertThat((List<Object>) document.get("code_challenge_methods_supported")).containsExactly("S256");
        assertThat((List<Object>) document.get("grant_types_supported")).contains("authorization_code", "client_credentials", "password");
    }

    @Test
    void aUserPickedOnTheLoginPageGetsACodeThatPkceExchangesOnceForTokens() throws Exception {
        String authorize = authorizeUrl(DevIssuer.s256(VERIFIER), "state-1", "nonce-1");
        HttpResponse<String> page = get(authorize);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("name=\"user\" value=\"cio-duo\"", "cio:Dienst Uitvoering Onderwijs", "<html lang=\"nl\"");

        HttpResponse<String> picked = post(issuer.issuerUri() + "/authorize", query(URI.create(authorize)) + "&user=cio-duo", null);
        assertThat(picked.statusCode()).isEqualTo(302);
        URI back = URI.create(picked.headers().firstValue("Location").orElseThrow());
        assertThat(back.toString()).startsWith(REDIRECT + "?");
        Map<String, String> answer = parse(back.getRawQuery());
        assertThat(answer).containsEntry("state", "state-1").containsKey("code");

        HttpResponse<String> wrongVerifier = exchange(answer.get("code"), "not-the-verifier-but-long-enough-to-be-one-0123456789");
        assertThat(wrongVerifier.statusCode()).isEqualTo(400);
        assertThat(wrongVerifier.body()).contains("invalid_grant");

        // a refused exchange used the code up: sign in again
        picked = post(issuer.issuerUri() + "/authorize", query(URI.create(authorize)) + "&user=cio-duo", null);
        String code = parse(URI.create(picked.headers().firstValue("Location").orElseThrow()).getRawQuery()).get("code");
        HttpResponse<String> tokens = exchange(code, VERIFIER);
        assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
        Map<String, Object> body = JSONObjectUtils.parse(tokens.body());
        SignedJWT access = SignedJWT.parse((String) body.get("access_token"));
        SignedJWT id = SignedJWT.parse((String) body.get("id_token"));
        RSAKey key = (RSAKey) JWKSet.parse(get(issuer.jwkSetUri()).body()).getKeys().get(0);
        assertThat(access.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(id.verify(new RSASSAVerifier(key))).isTrue();
        assertThat(access.getJWTClaimsSet().getSubject()).isEqualTo("cio-duo");
        assertThat(access.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("cio:Dienst Uitvoering Onderwijs");
        assertThat(id.getJWTClaimsSet().getAudience()).containsExactly("web");
        assertThat(id.getJWTClaimsSet().getStringClaim("nonce")).isEqualTo("nonce-1");
        assertThat(id.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuerUri());

        assertThat(exchange(code, VERIFIER).statusCode()).as("a code is good for one exchange").isEqualTo(400);

        HttpResponse<String> userInfo = http.send(HttpRequest.newBuilder(URI.create(issuer.issuerUri() + "/userinfo"))
                .header("Authorization", "Bearer " + body.get("access_token")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSONObjectUtils.parse(userInfo.body())).containsEntry("sub", "cio-duo");
    }

    @Test
    void anUnregisteredRedirectIsNeverFollowedAndPkceIsRequired() throws Exception {
        HttpResponse<String> foreign = get(issuer.issuerUri() + "/authorize?response_type=code&client_id=web&scope=openid"
                + "&code_challenge_method=S256&code_challenge=x&redirect_uri=" + enc("http://evil.example/cb"));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(foreign.headers().firstValue("Location")).isEmpty();

        HttpResponse<String> noPkce = get(issuer.issuerUri() + "/authorize?response_type=code&client_id=web&scope=openid&state=s"
                + "&redirect_uri=" + enc(REDIRECT));
        assertThat(noPkce.statusCode()).isEqualTo(302);
        Map<String, String> error = parse(URI.create(noPkce.headers().firstValue("Location").orElseThrow()).getRawQuery());
        assertThat(error).containsEntry("error", "invalid_request").containsEntry("state", "s");

        HttpResponse<String> wrongSecret = http.send(HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("web:wrong".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=x&code_verifier=" + VERIFIER
                        + "&redirect_uri=" + enc(REDIRECT))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongSecret.statusCode()).isEqualTo(401);
    }

    @Test
    void theUsernameAndClientCredentialsGrantsStillWork() throws Exception {
        HttpResponse<String> user = post(issuer.tokenUri(), "username=cio-duo", null);
        assertThat(user.statusCode()).isEqualTo(200);
        assertThat(SignedJWT.parse((String) JSONObjectUtils.parse(user.body()).get("access_token")).getJWTClaimsSet().getSubject())
                .isEqualTo("cio-duo");
        HttpResponse<String> service = post(issuer.tokenUri(), "grant_type=client_credentials",
                "Basic " + Base64.getEncoder().encodeToString("svc:svc-secret-0123456789".getBytes(StandardCharsets.UTF_8)));
        assertThat(service.statusCode()).isEqualTo(200);
    }

    @Test
    void logoutReturnsOnlyToARegisteredAddress() throws Exception {
        HttpResponse<String> back = get(issuer.issuerUri() + "/logout?post_logout_redirect_uri=" + enc("http://127.0.0.1:18080/"));
        assertThat(back.statusCode()).isEqualTo(302);
        assertThat(back.headers().firstValue("Location")).hasValue("http://127.0.0.1:18080/");
        HttpResponse<String> elsewhere = get(issuer.issuerUri() + "/logout?post_logout_redirect_uri=" + enc("http://evil.example/"));
        assertThat(elsewhere.statusCode()).isEqualTo(200);
        assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
    }

    private static String authorizeUrl(String challenge, String state, String nonce) {
        return issuer.issuerUri() + "/authorize?response_type=code&client_id=web&scope=" + enc("openid profile") + "&state=" + state
                + "&nonce=" + nonce + "&code_challenge=" + challenge + "&code_challenge_method=S256&redirect_uri=" + enc(REDIRECT);
    }

    private static HttpResponse<String> exchange(String code, String verifier) throws Exception {
        return post(issuer.tokenUri(), "grant_type=authorization_code&code=" + enc(code) + "&code_verifier=" + enc(verifier)
                + "&redirect_uri=" + enc(REDIRECT), "Basic " + Base64.getEncoder().encodeToString("web:web-secret".getBytes(StandardCharsets.UTF_8)));
    }

    private static String query(URI uri) {
        return uri.getRawQuery();
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            map.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return map;
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unused")
    private static String joined(Map<String, String> map) {
        return map.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }
}
