package eu.aiact.tracker.web;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.FieldError;

/**
 * The 400 answer for values that break a rule, the same in every service: {@code "Invalid value for: a, b"}, title "Invalid request",
 * and {@code errors}: one {@code {field, message}} per broken rule.
 */
public final class FieldProblems {

    private FieldProblems() {
    }

    public static Map<String, String> error(String field, String message) {
        return Map.of("field", field, "message", String.valueOf(message));
    }

    public static List<Map<String, String>> errors(List<FieldError> fieldErrors) {
        return fieldErrors.stream().map(e -> error(e.getField(), e.getDefaultMessage())).toList();
    }

    public static ProblemDetail invalid(List<Map<String, String>> errors) {
        String fields = errors.stream().map(e -> e.get("field")).distinct().collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "Invalid value for: " + fields);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }
}
