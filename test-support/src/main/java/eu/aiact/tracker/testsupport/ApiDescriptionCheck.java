package eu.aiact.tracker.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a running service's OpenAPI description against the endpoints it really has: every {@code /api/**} handler method of the
 * service is in {@code /v3/api-docs} (OpenAPI 3.1), with its problem responses as {@code application/problem+json}: at least 401 and
 * 403, 400 when it takes parameters or a body, 404 when its path names a resource.
 */
public final class ApiDescriptionCheck {

    private ApiDescriptionCheck() {
    }

    /** The description as the service serves it, without a token. */
    public static JsonNode fetch(String baseUrl) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs")).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("/v3/api-docs: " + answer.body()).isEqualTo(200);
        return JsonMapper.builder().build().readTree(answer.body());
    }

    /** Asserts that every endpoint of {@code mappings} under {@code /api/} is described, with its problem responses. */
    public static void everyEndpointIsDescribed(String baseUrl, RequestMappingHandlerMapping mappings) throws Exception {
        JsonNode api = fetch(baseUrl);
        assertThat(api.get("openapi").asString()).startsWith("3.1");
        JsonNode paths = api.get("paths");
        List<String> missing = new ArrayList<>();
        Set<String> checked = new TreeSet<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            for (String path : info.getPatternValues()) {
                if (!path.startsWith("/api/")) {
                    continue;
                }
                Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    String key = method + " " + path;
                    JsonNode operation = paths.path(path).path(method.name().toLowerCase(Locale.ROOT));
                    if (operation.isMissingNode()) {
                        missing.add(key + ": not described");
                        continue;
                    }
                    checked.add(key);
                    List<String> statuses = new ArrayList<>(List.of("401", "403"));
                    if (!operation.path("parameters").isEmpty() || operation.has("requestBody")) {
                        statuses.add("400");
                    }
                    if (path.contains("{")) {
                        statuses.add("404");
                    }
                    for (String status : statuses) {
                        if (!operation.path("responses").path(status).path("content").has("application/problem+json")) {
                            missing.add(key + ": no " + status + " problem response");
                        }
                    }
                }
            }
        }
        assertThat(missing).as("endpoints checked: " + checked).isEmpty();
        assertThat(checked).isNotEmpty();
    }
}
