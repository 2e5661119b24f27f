package eu.aiact.tracker.webapp.backend;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.util.UriComponentsBuilder;

import eu.aiact.tracker.webapp.WebProperties;
import eu.aiact.tracker.webapp.security.SecurityConfiguration;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls the services with the signed-in user's access token (from the server-side session; never passed to the browser). Answers are
 * plain JSON values (maps, lists, strings, numbers) for the templates. A refusal is a {@link BackendProblem} with the service's status
 * and problem details, so that a page shows exactly what the API answers the same user (403 and 404 included); a refused token (401)
 * is a {@link SignInAgainException}.
 */
@Component
public class Backend {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebProperties properties;
    private final OAuth2AuthorizedClientManager clients;
    private final RestClient http;

    public Backend(WebProperties properties, OAuth2AuthorizedClientManager clients) {
        this.properties = properties;
        this.clients = clients;
        java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(jdk);
        factory.setReadTimeout(Duration.ofSeconds(60));
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** A GET answered with JSON. */
    public Object get(Service service, String path, Map<String, ?> query) {
        return json(exchange(service, "GET", path, query, null, null).getBody());
    }

    /** A GET answered with JSON, with the answer's headers. */
    public ResponseEntity<byte[]> getRaw(Service service, String path, Map<String, ?> query) {
        return exchange(service, "GET", path, query, null, null);
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> getMap(Service service, String path, Map<String, ?> query) {
        return (Map<String, Object>) get(service, path, query);
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> getList(Service service, String path, Map<String, ?> query) {
        return (List<Map<String, Object>>) get(service, path, query);
    }

    /** A POST of a JSON body; answers the JSON answer. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> post(Service service, String path, Map<String, ?> query, Object body, Map<String, String> headers) {
        Object answer = json(exchange(service, "POST", path, query, JSON.writeValueAsBytes(body), headers).getBody());
        return answer instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A PUT of a JSON body. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> put(Service service, String path, Object body) {
        Object answer = json(exchange(service, "PUT", path, Map.of(), JSON.writeValueAsBytes(body), null).getBody());
        return answer instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** A DELETE. */
    public void delete(Service service, String path) {
        exchange(service, "DELETE", path, Map.of(), null, null);
    }

    /** A POST of a file with its content type (the inventory import). */
    @SuppressWarnings("unchecked")
    public Map<String, Object> postFile(Service service, String path, Map<String, ?> query, byte[] content, String contentType) {
        Object answer = json(exchange(service, "POST", path, query, content, Map.of(HttpHeaders.CONTENT_TYPE, contentType)).getBody());
        return answer instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    public URI base(Service service) {
        return switch (service) {
            case COMMAND -> properties.commandServiceUrl();
            case QUERY -> properties.queryServiceUrl();
            case NOTIFIER -> properties.notifierUrl();
            case IMPORT -> properties.imports();
        };
    }

    private ResponseEntity<byte[]> exchange(Service service, String method, String path, Map<String, ?> query, byte[] body,
            Map<String, String> headers) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(base(service)).path(path);
        if (query != null) {
            query.forEach((name, value) -> {
                if (value instanceof Iterable<?> values) {
                    values.forEach(v -> uri.queryParam(name, v));
                } else if (value != null && !value.toString().isBlank()) {
                    uri.queryParam(name, value);
                }
            });
        }
        URI target = uri.encode().build().toUri();
        String token = accessToken();
        RestClient.RequestBodySpec request = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(target)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
                .header(HttpHeaders.ACCEPT, "application/json, application/problem+json, */*");
        if (headers != null) {
            headers.forEach(request::header);
        }
        if (body != null) {
            if (headers == null || !headers.containsKey(HttpHeaders.CONTENT_TYPE)) {
                request.contentType(MediaType.APPLICATION_JSON);
            }
            request.body(body);
        }
        return request.exchange((req, response) -> {
            HttpStatusCode status = response.getStatusCode();
            byte[] bytes = response.getBody().readAllBytes();
            if (status.value() == 401) {
                throw new SignInAgainException("The " + service + " service refused the access token");
            }
            if (status.isError()) {
                throw new BackendProblem(status.value(), problemOf(status.value(), bytes));
            }
            return ResponseEntity.status(status).headers(response.getHeaders()).body(bytes);
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problemOf(int status, byte[] bytes) {
        try {
            Object parsed = JSON.readValue(bytes, Object.class);
            if (parsed instanceof Map<?, ?> map) {
                return new LinkedHashMap<>((Map<String, Object>) map);
            }
        } catch (RuntimeException notJson) {
            // fall through
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("status", status);
        problem.put("detail", new String(bytes, StandardCharsets.UTF_8));
        return problem;
    }

    private static Object json(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        return JSON.readValue(body, Object.class);
    }

    /** The signed-in user's access token, refreshed when possible; an expired one without refresh means signing in again. */
    public String accessToken() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            throw new SignInAgainException("Not signed in");
        }
        ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder.getRequestAttributes();
        OAuth2AuthorizeRequest.Builder request = OAuth2AuthorizeRequest.withClientRegistrationId(SecurityConfiguration.REGISTRATION)
                .principal(authentication);
        if (attributes != null) {
            request.attribute(jakarta.servlet.http.HttpServletRequest.class.getName(), attributes.getRequest());
            if (attributes.getResponse() != null) {
                request.attribute(jakarta.servlet.http.HttpServletResponse.class.getName(), attributes.getResponse());
            }
        }
        OAuth2AuthorizedClient client = clients.authorize(request.build());
        if (client == null || client.getAccessToken() == null
                || client.getAccessToken().getExpiresAt() != null && client.getAccessToken().getExpiresAt().isBefore(Instant.now())) {
            throw new SignInAgainException("The session's access token expired");
        }
        return client.getAccessToken().getTokenValue();
    }
}
