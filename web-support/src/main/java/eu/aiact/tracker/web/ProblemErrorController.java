package eu.aiact.tracker.web;

import java.net.URI;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors that happen before Spring MVC sees the request (a query string that is not valid UTF-8, a header too large, ...) are answered
 * as RFC 9457 problem details too, like every other error, and name no internals.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "${server.error.path:/error}", produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.APPLICATION_JSON_VALUE, "*/*"})
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(status.getReasonPhrase());
        problem.setDetail(status.is4xxClientError()
                ? "The request could not be read (for instance a character encoding that is not valid UTF-8, or a part that is too large)"
                : "The request could not be handled; the service's log has the details");
        if (status == HttpStatus.BAD_REQUEST) {
            Object query = request.getAttribute("jakarta.servlet.error.query_string");
            String unreadable = unreadableParameter(query instanceof String text ? text : request.getQueryString());
            if (unreadable != null) {
                String detail = "parameter " + unreadable + " is not valid percent-encoded UTF-8; encode its value as UTF-8 (e.g. é as %C3%A9)";
                problem.setDetail(detail);
                problem.setProperty("errors", java.util.List.of(java.util.Map.of("field", unreadable, "message", detail)));
            }
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (uri instanceof String path && path.startsWith("/") && path.length() < 2000) {
            try {
                problem.setInstance(URI.create(path));
            } catch (IllegalArgumentException unusablePath) {
                // leave the instance out rather than echo a path that is not a URI
            }
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The name of the first query parameter whose name or value is not valid percent-encoded UTF-8, or null. */
    static String unreadableParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            String decodedName = decode(name);
            if (decodedName == null) {
                return "(a parameter's name)";
            }
            if (decode(value) == null) {
                return decodedName.length() > 100 ? decodedName.substring(0, 100) : decodedName;
            }
        }
        return null;
    }

    private static String decode(String raw) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length()) {
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else if (c == '%') {
                return null;
            } else {
                bytes.write(c == '+' ? ' ' : c);
            }
        }
        try {
            return java.nio.charset.StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }
}
