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
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.ParameterProblems.invalid(ex));
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

    /** A body field that cannot be read names the field and what it accepts (the clock's "15-11-2027": an ISO date, e.g. 2027-11-15). */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.BodyProblems.unreadable(ex));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.ParameterProblems.typeMismatch(ex));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            org.springframework.web.bind.MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.ParameterProblems.missing(ex));
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(org.springframework.web.HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI() : "this path";
        return ResponseEntity.status(status).headers(headers).body(eu.aiact.tracker.web.ParameterProblems.method(ex, path));
    }
}
