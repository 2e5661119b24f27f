package eu.aiact.tracker.web;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The 4xx answers for request parameters, the same in every service: each names the parameter, what it was and what is accepted
 * ({@code limit=0: must be at least 1; accepted: 1 to 1000}), in {@code detail} and in {@code errors[] {field, message}}, instead of
 * Spring's "Validation failure" or "Failed to convert".
 */
public final class ParameterProblems {

    private ParameterProblems() {
    }

    /** Parameters that break their constraints ({@code @Min}, {@code @Max}, {@code @Size}, {@code @Pattern} ...). */
    public static ProblemDetail invalid(HandlerMethodValidationException ex) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof org.springframework.validation.method.ParameterErrors bound) {
                errors.addAll(FieldProblems.errors(bound.getFieldErrors())); // a body's fields, when the method has both
                continue;
            }
            MethodParameter parameter = result.getMethodParameter();
            String name = nameOf(parameter);
            String value = result.getArgument() == null ? "" : String.valueOf(result.getArgument());
            String broken = result.getResolvableErrors().stream().map(MessageSourceResolvable::getDefaultMessage)
                    .collect(Collectors.joining("; "));
            String accepted = accepted(parameter);
            errors.add(FieldProblems.error(name, (value.length() > 100 ? "a value of " + value.length() + " characters" : "'" + value + "'")
                    + ": " + broken + (accepted.isEmpty() ? "" : "; accepted: " + accepted)));
        }
        return problem(HttpStatus.BAD_REQUEST, errors);
    }

    /** A parameter that is not of its type: a number, a date, one of an enum's values ... */
    public static ProblemDetail typeMismatch(TypeMismatchException ex) {
        String name = ex instanceof MethodArgumentTypeMismatchException mismatch ? nameOf(mismatch.getParameter())
                : String.valueOf(ex.getPropertyName());
        String value = ex.getValue() == null ? "" : String.valueOf(ex.getValue());
        return problem(HttpStatus.BAD_REQUEST, List.of(FieldProblems.error(name, (value.length() > 100 ? "a value of " + value.length()
                + " characters" : "'" + value + "'") + " " + expectation(ex.getRequiredType()))));
    }

    public static ProblemDetail missing(MissingServletRequestParameterException ex) {
        return problem(HttpStatus.BAD_REQUEST, List.of(FieldProblems.error(ex.getParameterName(), "is required ("
                + ex.getParameterType() + ")")));
    }

    public static ProblemDetail missing(MissingRequestHeaderException ex) {
        return problem(HttpStatus.BAD_REQUEST, List.of(FieldProblems.error(ex.getHeaderName(), "header " + ex.getHeaderName()
                + " is required")));
    }

    /** A method the path does not take: which it does. */
    public static ProblemDetail method(HttpRequestMethodNotSupportedException ex, String path) {
        String supported = ex.getSupportedHttpMethods() == null ? "none" : ex.getSupportedHttpMethods().stream().map(Object::toString)
                .collect(Collectors.joining(", "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.METHOD_NOT_ALLOWED, "method " + ex.getMethod()
                + " is not supported on " + path + "; supported: " + supported);
        problem.setTitle("Method not allowed");
        problem.setProperty("errors", List.of(FieldProblems.error("method", ex.getMethod() + " is not supported; supported: " + supported)));
        return problem;
    }

    /** What a value of this type looks like, in words. */
    public static String expectation(Class<?> type) {
        if (type == null) {
            return "is not a valid value";
        }
        if (type.isEnum()) {
            return "is not one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == LocalDate.class) {
            return "is not an ISO date: YYYY-MM-DD, e.g. 2026-12-01";
        }
        if (type == Instant.class) {
            return "is not an ISO-8601 instant, e.g. 2026-12-01T09:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "is not true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "is not a whole number";
        }
        return "is not a valid " + type.getSimpleName();
    }

    private static ProblemDetail problem(HttpStatus status, List<Map<String, String>> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        errors.forEach(e -> byField.merge(e.get("field"), e.get("message"), (a, b) -> a + "; " + b));
        String detail = byField.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(". "));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "Invalid parameter: " + detail);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The parameter's name as the request spells it. */
    static String nameOf(MethodParameter parameter) {
        for (Annotation annotation : parameter.getParameterAnnotations()) {
            String name = annotation instanceof RequestParam p ? first(p.name(), p.value())
                    : annotation instanceof PathVariable p ? first(p.name(), p.value())
                    : annotation instanceof RequestHeader p ? first(p.name(), p.value()) : "";
            if (!name.isEmpty()) {
                return name;
            }
        }
        String name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
    }

    private static String first(String a, String b) {
        return a != null && !a.isEmpty() ? a : b == null ? "" : b;
    }

    /** What the parameter's constraints accept: {@code 1 to 1000}, {@code at most 200 characters} ... */
    private static String accepted(MethodParameter parameter) {
        Min min = parameter.getParameterAnnotation(Min.class);
        Max max = parameter.getParameterAnnotation(Max.class);
        Size size = parameter.getParameterAnnotation(Size.class);
        Pattern pattern = parameter.getParameterAnnotation(Pattern.class);
        List<String> parts = new ArrayList<>();
        if (min != null && max != null) {
            parts.add(min.value() + " to " + max.value());
        } else if (min != null) {
            parts.add("at least " + min.value());
        } else if (max != null) {
            parts.add("at most " + max.value());
        }
        if (size != null) {
            parts.add(size.min() > 0 ? size.min() + " to " + size.max() + " characters" : "at most " + size.max() + " characters");
        }
        if (pattern != null) {
            parts.add("matching " + pattern.regexp());
        }
        return String.join(", ", parts);
    }
}
