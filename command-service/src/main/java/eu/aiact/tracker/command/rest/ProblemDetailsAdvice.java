package eu.aiact.tracker.command.rest;

import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import eu.aiact.tracker.domain.system.InvalidCommandException;
import eu.aiact.tracker.domain.system.InvalidTransitionException;
import eu.aiact.tracker.domain.system.UnsupportedRoles;
import eu.aiact.tracker.command.idempotency.IdempotencyKeyReusedException;
import eu.aiact.tracker.web.FieldProblems;
import tools.jackson.databind.DatabindException;

/**
 * Every refused request is answered with RFC 9457 problem details that name the offending field, so that a client can correct it.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(FieldProblems.invalid(FieldProblems.errors(ex.getBindingResult().getFieldErrors())));
    }

    /** The command service takes commands; a read sent here (GET /api/systems/{id} ...) is told where reads are. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(org.springframework.web.servlet.resource.NoResourceFoundException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = "/" + ex.getResourcePath();
        boolean read = ex.getHttpMethod() == org.springframework.http.HttpMethod.GET || ex.getHttpMethod() == org.springframework.http.HttpMethod.HEAD;
        String detail = read && path.startsWith("/api/")
                ? "The command service takes commands only (POST); read " + path + " on the query service, which serves every AI system, "
                        + "its history and obligations (GET " + path + ", port 8082 in the local stack)"
                : "No endpoint " + ex.getHttpMethod() + " " + path + " on the command service (its commands: POST /api/systems, "
                        + "POST /api/systems/{id}/..., POST /api/imports; see /v3/api-docs)";
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        problem.setProperty("errors", List.of(Map.of("field", "path", "message", detail)));
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(org.springframework.web.HttpRequestMethodNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String path = request instanceof org.springframework.web.context.request.ServletWebRequest servlet
                ? servlet.getRequest().getRequestURI() : "this path";
        ProblemDetail problem = eu.aiact.tracker.web.ParameterProblems.method(ex, path);
        if ("GET".equals(ex.getMethod())) {
            problem.setDetail(problem.getDetail() + "; reads are on the query service (GET " + path + ", port 8082 in the local stack)");
        }
        return ResponseEntity.status(status).headers(headers).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(org.springframework.beans.TypeMismatchException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.ParameterProblems.typeMismatch(ex));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            org.springframework.web.method.annotation.HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.ParameterProblems.invalid(ex));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(eu.aiact.tracker.web.BodyProblems.unreadable(ex, ProblemDetailsAdvice::unsupportedRole));
    }

    /** A role the tracker does not model (an importer, a distributor ...), in the law's words. */
    static java.util.Optional<String> unsupportedRole(DatabindException ex) {
        if (ex instanceof tools.jackson.databind.exc.InvalidFormatException invalid && invalid.getTargetType() == eu.aiact.tracker.api.system.Role.class
                && invalid.getValue() != null) {
            return UnsupportedRoles.explain(String.valueOf(invalid.getValue())).map(why -> "must be one of PROVIDER, DEPLOYER, BOTH: " + why);
        }
        return java.util.Optional.empty();
    }

    @ExceptionHandler(InvalidCommandException.class)
    ResponseEntity<ProblemDetail> invalidCommand(InvalidCommandException ex) {
        return invalid(ex);
    }

    @ExceptionHandler(ConflictingAggregateVersionException.class)
    ResponseEntity<ProblemDetail> staleVersion(ConflictingAggregateVersionException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The system changed since version "
                + ex.getExpectedVersion() + "; it is now at version " + ex.getActualVersion()
                + ". Read it again and resend with the new expectedVersion.");
        problem.setTitle("Stale version");
        problem.setType(type("stale-version"));
        problem.setProperty("expectedVersion", ex.getExpectedVersion());
        problem.setProperty("actualVersion", ex.getActualVersion());
        problem.setProperty("errors", List.of(Map.of("field", "expectedVersion", "message", problem.getDetail())));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> unknownSystem(AggregateNotFoundException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No AI system with id '"
                + ex.getAggregateIdentifier() + "'");
        problem.setTitle("Unknown AI system");
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
    }

    /**
     * A creation command for an aggregate that exists already (a rulebook version applied twice): the event store's duplicate key,
     * which Axon raises as this exception since the resolver recognises it (EventStoreConfiguration).
     */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<ProblemDetail> exists(AggregateStreamCreationException ex) {
        String what = withoutDatabaseMessage(ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "It was recorded before."
                + (what.isEmpty() ? "" : " " + what + (what.endsWith(".") ? "" : ".")));
        problem.setTitle("Already recorded");
        problem.setType(type("already-recorded"));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** Axon's message without the database's own at its end ("Original message: [...]": the statement and every value it bound). */
    private static String withoutDatabaseMessage(Exception ex) {
        return ex.getMessage() == null ? "" : ex.getMessage().replaceAll("(?s)[.,]?\\s*Original message:.*", "").strip();
    }

    /** The system's events changed while the command was decided, twice in a row (CommandSender sends it once more after the first). */
    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> changedMeanwhile(ConcurrencyException ex) {
        log.warn("Command refused after two collisions with events stored meanwhile: {}", withoutDatabaseMessage(ex));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The system was changed by another request while"
                + " this one was decided; read it again and resend.");
        problem.setTitle("Changed meanwhile");
        problem.setType(type("changed-meanwhile"));
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ResponseEntity<ProblemDetail> keyReused(IdempotencyKeyReusedException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
        problem.setTitle("Idempotency key reused");
        problem.setType(type("idempotency-key-reused"));
        problem.setProperty("errors", List.of(Map.of("field", RequestOrigin.IDEMPOTENCY_HEADER, "message", ex.getMessage())));
        return ResponseEntity.unprocessableContent().body(problem);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<ProblemDetail> concurrentRetry(DuplicateKeyException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Another request with the same "
                + RequestOrigin.IDEMPOTENCY_HEADER + " was handled at the same moment; retry to receive its answer");
        problem.setTitle("Concurrent retry");
        return ResponseEntity.status(HttpStatus.CONFLICT).body(problem);
    }

    /** Axon wraps what a handler throws when it crosses a boundary; answer the cause as if thrown directly. */
    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException ex) throws Exception {
        Throwable cause = ex.getCause();
        if (cause instanceof InvalidCommandException invalid) {
            return invalid(invalid);
        }
        if (cause instanceof ConflictingAggregateVersionException stale) {
            return staleVersion(stale);
        }
        if (cause instanceof AggregateNotFoundException notFound) {
            return unknownSystem(notFound);
        }
        if (cause instanceof AggregateStreamCreationException existing) {
            return exists(existing);
        }
        if (cause instanceof IdempotencyKeyReusedException reused) {
            return keyReused(reused);
        }
        if (cause instanceof ConcurrencyException changed) {
            return changedMeanwhile(changed);
        }
        return unexpected(ex);
    }

    /**
     * Anything else: 503 with Retry-After when the database cannot be reached (the command was not stored: the transaction never
     * committed), otherwise a 500 that names no internals (the details go to the log).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (databaseUnavailable(ex)) {
            log.warn("Command refused, the database is unavailable: {}", ex.toString());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    "The event store (PostgreSQL) cannot be reached; nothing was stored. Retry in a moment.");
            problem.setTitle("Database unavailable");
            problem.setType(type("database-unavailable"));
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "5").body(problem);
        }
        log.error("Command failed unexpectedly", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The command could not be handled; nothing was stored. The service's log has the details.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }

    public static boolean databaseUnavailable(Throwable ex) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.springframework.dao.DataAccessResourceFailureException
                    || cause instanceof org.springframework.transaction.CannotCreateTransactionException
                    || cause instanceof java.sql.SQLTransientConnectionException
                    || cause instanceof java.net.ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static ResponseEntity<ProblemDetail> invalid(InvalidCommandException ex) {
        boolean transition = ex instanceof InvalidTransitionException;
        HttpStatus status = transition ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, ex.getMessage());
        problem.setTitle(transition ? "Not allowed in the system's current state" : "Invalid command");
        if (transition) {
            problem.setType(type("invalid-transition"));
        }
        problem.setProperty("errors", List.of(ex.accepted().isEmpty() ? Map.of("field", ex.field(), "message", ex.getMessage())
                : Map.of("field", ex.field(), "message", ex.getMessage(), "accepted", ex.accepted())));
        return ResponseEntity.status(status).body(problem);
    }

    private static URI type(String name) {
        return URI.create("/problems/" + name);
    }
}
