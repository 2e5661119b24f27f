package eu.aiact.tracker.web;

import java.util.Arrays;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;

/**
 * The 400 answer for a JSON body that cannot be read, the same in every service: it names the field and says what the field accepts
 * ({@code "date": must be an ISO date (YYYY-MM-DD), e.g. 2027-11-15}), never the parser's internals; a body that stops being JSON
 * (invalid UTF-8, a cut string) names the field being read.
 */
public final class BodyProblems {

    private BodyProblems() {
    }

    public static ProblemDetail unreadable(HttpMessageNotReadableException ex) {
        return unreadable(ex, databind -> Optional.empty());
    }

    /** @param special a service's own words for some values (answered instead of the general expectation when present) */
    public static ProblemDetail unreadable(HttpMessageNotReadableException ex, Function<DatabindException, Optional<String>> special) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Unreadable request body");
        if (ex.getCause() instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String expectation = special.apply(databind).orElseGet(() -> expectation(databind));
            problem.setDetail("Invalid value for field '" + field + "': " + expectation);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", expectation)));
        } else if (ex.getCause() instanceof StreamReadException unreadable && fieldBeingRead(unreadable) != null) {
            String field = fieldBeingRead(unreadable);
            String original = unreadable.getOriginalMessage() == null ? "" : unreadable.getOriginalMessage();
            String expectation = (original.contains("UTF-8") ? "not valid UTF-8 text" : "not valid JSON") + " ("
                    + original.lines().findFirst().orElse("") + "); send the body as JSON in UTF-8";
            problem.setDetail("Invalid value for field '" + field + "': " + expectation);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", expectation)));
        } else {
            String detail = "The request body is not valid JSON of the expected shape: send a JSON object in UTF-8 "
                    + "(Content-Type: application/json)";
            problem.setDetail(detail);
            problem.setProperty("errors", List.of(Map.of("field", "body", "message", detail)));
        }
        return problem;
    }

    /** The field whose value the parser was reading when the body stopped being JSON, as {@code a.b[0].c}; null when none. */
    static String fieldBeingRead(StreamReadException ex) {
        JsonParser parser = ex.processor();
        if (parser == null) {
            return null;
        }
        LinkedList<String> parts = new LinkedList<>();
        for (TokenStreamContext context = parser.streamReadContext(); context != null && !context.inRoot(); context = context.getParent()) {
            if (context.inArray()) {
                parts.addFirst("[" + Math.max(context.getCurrentIndex(), 0) + "]");
            } else if (context.currentName() != null) {
                parts.addFirst(context.currentName());
            }
        }
        return parts.isEmpty() ? null : String.join(".", parts).replace(".[", "[");
    }

    /** What the field should have held, in words, without the parser's internals. */
    public static String expectation(DatabindException ex) {
        if (ex instanceof tools.jackson.databind.exc.UnrecognizedPropertyException) {
            return "not a field of this request";
        }
        Class<?> type = ex instanceof tools.jackson.databind.exc.MismatchedInputException mismatch ? mismatch.getTargetType() : null;
        if (type == null) {
            return "not a valid value";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants()).map(String::valueOf).collect(Collectors.joining(", "));
        }
        if (type == java.time.LocalDate.class) {
            return "must be an ISO date (YYYY-MM-DD), e.g. 2027-11-15";
        }
        if (type == java.time.Instant.class) {
            return "must be an ISO-8601 instant, e.g. 2027-11-15T09:00:00Z";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (Number.class.isAssignableFrom(type) || type == long.class || type == int.class) {
            return "must be a whole number";
        }
        if (type == String.class) {
            return "must be a text";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        return "must be an object of the expected shape";
    }
}
