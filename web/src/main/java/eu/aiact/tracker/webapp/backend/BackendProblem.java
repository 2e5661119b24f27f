package eu.aiact.tracker.webapp.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service refused a request: its status and RFC 9457 problem details ({@code title}, {@code detail}, {@code type}, and for refused
 * fields {@code errors: [{field, message}]}).
 */
public class BackendProblem extends RuntimeException {

    /** One refused field of a problem's {@code errors}. */
    public record FieldError(String field, String message) {
    }

    private final int status;
    private final Map<String, Object> problem;

    public BackendProblem(int status, Map<String, Object> problem) {
        super(status + " " + problem.getOrDefault("detail", problem.getOrDefault("title", "")));
        this.status = status;
        this.problem = Map.copyOf(problem);
    }

    public int status() {
        return status;
    }

    public Map<String, Object> problem() {
        return problem;
    }

    public String detail() {
        Object detail = problem.get("detail");
        return detail == null ? null : detail.toString();
    }

    public String title() {
        Object title = problem.get("title");
        return title == null ? null : title.toString();
    }

    /** The problem type's last segment, e.g. {@code stale-version}, {@code invalid-transition}; empty for none. */
    public String type() {
        Object type = problem.get("type");
        if (type == null || "about:blank".equals(type.toString())) {
            return "";
        }
        String text = type.toString();
        return text.substring(text.lastIndexOf('/') + 1);
    }

    public boolean staleVersion() {
        return status == 409 && "stale-version".equals(type());
    }

    /** The refused fields: {@code errors} of the command service ({@code field}) and of the import ({@code column}, with its row). */
    public List<FieldError> errors() {
        List<FieldError> errors = new ArrayList<>();
        if (problem.get("errors") instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> error) {
                    Object field = error.get("field") != null ? error.get("field") : error.get("column");
                    Object message = error.get("message");
                    errors.add(new FieldError(field == null ? "" : field.toString(), message == null ? "" : message.toString()));
                }
            }
        }
        return errors;
    }
}
