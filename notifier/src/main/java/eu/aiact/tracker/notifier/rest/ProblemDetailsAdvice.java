package eu.aiact.tracker.notifier.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import eu.aiact.tracker.notifier.clock.ClockNotSettableException;
import eu.aiact.tracker.web.FieldProblems;
import tools.jackson.databind.DatabindException;

/** Refused requests are answered with RFC 9457 problem details that name the offending field. */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(FieldProblems.invalid(FieldProblems.errors(ex.getBindingResult().getFieldErrors())));
    }

    /**
     * Parameters out of range ({@code limit}, a path variable), and body fields when the same method also has constrained parameters
     * (Spring then reports both here): 400 naming every field.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (ParameterValidationResult result : ex.getParameterValidationResults()) {
            if (result instanceof ParameterErrors bound) {
                errors.addAll(FieldProblems.errors(bound.getFieldErrors()));
            } else {
                String name = String.valueOf(result.getMethodParameter().getParameterName());
                result.getResolvableErrors().forEach(e -> errors.add(FieldProblems.error(name, e.getDefaultMessage())));
            }
        }
        return ResponseEntity.badRequest().body(FieldProblems.invalid(errors));
    }

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalidField(InvalidFieldException ex) {
        return ResponseEntity.badRequest().body(FieldProblems.invalid(List.of(FieldProblems.error(ex.field(), ex.getMessage()))));
    }

    @ExceptionHandler(ClockNotSettableException.class)
    ResponseEntity<ProblemDetail> clockNotSettable(ClockNotSettableException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
        problem.setTitle("The clock is not settable here");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.BAD_REQUEST);
        problem.setTitle("Unreadable request body");
        if (ex.getCause() instanceof DatabindException && !((DatabindException) ex.getCause()).getPath().isEmpty()) {
            DatabindException databind = (DatabindException) ex.getCause();
            String field = databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String message = databind.getOriginalMessage();
            if (databind instanceof tools.jackson.databind.exc.InvalidFormatException format && format.getTargetType() != null) {
                Class<?> type = format.getTargetType();
                if (type == java.time.LocalDate.class) {
                    message = "must be a date as YYYY-MM-DD, e.g. 2027-11-15 (got " + format.getValue() + ")";
                } else if (type.isEnum()) {
                    message = "must be one of " + java.util.Arrays.toString(type.getEnumConstants()) + " (got " + format.getValue() + ")";
                }
            }
            problem.setDetail("Invalid value for field '" + field + "': " + message);
            problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
        } else {
            problem.setDetail("The request body is not valid JSON of the expected shape");
        }
        return ResponseEntity.badRequest().body(problem);
    }
}
