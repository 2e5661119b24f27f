package eu.aiact.tracker.web.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Describes, for every operation of a service's OpenAPI document, the RFC 9457 problem responses it can give, so that a client knows
 * them from the document: 400 when it takes parameters or a body (the problem's {@code errors} name the field), 401 and 403 (every
 * endpoint needs a bearer token and a role), 404 when its path names a resource, 413 when it takes a body, 409 and 422 where
 * {@link #conflicts} says so, 500 and 503. The bearer-token scheme is declared once and required everywhere.
 */
public class ProblemResponsesCustomizer implements OpenApiCustomizer {

    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String PROBLEM_SCHEMA = "Problem";
    private static final String BEARER = "bearer";

    private final Map<String, List<String>> conflicts;

    /**
     * @param conflicts per path prefix, the further statuses its operations that change something may answer with a problem (e.g.
     *                  {@code "/api/systems" -> ["409", "422"]}: a step the system's state does not allow, a reused idempotency key)
     */
    public ProblemResponsesCustomizer(Map<String, List<String>> conflicts) {
        this.conflicts = Map.copyOf(conflicts);
    }

    @Override
    public void customise(OpenAPI api) {
        api.schemaRequirement(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                .description("A JWT of the configured issuer; its roles claim holds role:organisation strings"));
        if (api.getComponents() != null) {
            api.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
        }
        api.addSecurityItem(new SecurityRequirement().addList(BEARER));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) -> describe(path, method, operation)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean body = operation.getRequestBody() != null;
        boolean parameters = body || (operation.getParameters() != null && !operation.getParameters().isEmpty());
        Map<String, String> problems = new LinkedHashMap<>();
        if (parameters) {
            problems.put("400", "A parameter or a field of the body is invalid: the problem's detail and errors name it and what is accepted");
        }
        problems.put("401", "No bearer token, or one that is malformed, expired or of another issuer");
        problems.put("403", "The caller's roles do not allow this for the organisation concerned");
        if (path.contains("{")) {
            problems.put("404", "No such resource, or one of an organisation the caller may not see");
        }
        if (body) {
            problems.put("413", "The request body is larger than the service accepts");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            conflicts.forEach((prefix, statuses) -> {
                if (path.startsWith(prefix)) {
                    statuses.forEach(status -> problems.putIfAbsent(status, switch (status) {
                        case "409" -> "The resource's state does not allow it, or it changed since expectedVersion";
                        case "415" -> "The body's content type is not one of those accepted";
                        case "422" -> "The Idempotency-Key was used before for another request";
                        case "429" -> "Too many requests of this kind from this caller: see Retry-After";
                        default -> "Refused";
                    }));
                }
            });
        }
        problems.put("500", "An unexpected failure; nothing was changed and the service's log has the details");
        problems.put("503", "A store or broker the service needs cannot be reached; retry later (Retry-After)");
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        problems.forEach((status, description) -> {
            ApiResponse response = responses.get(status);
            if (response == null) {
                response = new ApiResponse().description(description);
                responses.addApiResponse(status, response);
            }
            Content content = response.getContent() == null ? new Content() : response.getContent();
            content.remove("*/*");
            content.addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA)));
            response.setContent(content);
        });
        operation.setResponses(responses);
    }

    private static Schema<?> problemSchema() {
        ObjectSchema error = new ObjectSchema();
        error.addProperty("field", new StringSchema().description("The field or parameter"));
        error.addProperty("message", new StringSchema().description("What is wrong with it and what is accepted"));
        error.addProperty("accepted", new ArraySchema().items(new StringSchema()).description("Accepted values, where there is a list"));
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details");
        problem.addProperty("type", new StringSchema().description("A URI naming the kind of problem"));
        problem.addProperty("title", new StringSchema());
        problem.addProperty("status", new IntegerSchema());
        problem.addProperty("detail", new StringSchema().description("What happened, naming the field or parameter"));
        problem.addProperty("instance", new StringSchema());
        problem.addProperty("errors", new ArraySchema().items(error).description("One entry per field or parameter refused"));
        return problem;
    }
}
