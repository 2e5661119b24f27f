package eu.aiact.tracker.stream;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.web.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * The administrators' view of the service's dead letters (under {@code /api/admin}, role {@code admin}): list them, inspect one, retry
 * it (its consumer processes the record again; 422 with the new reason when it fails again) or discard it with a note.
 */
@RestController
@RequestMapping("${tracker.stream.dead-letters-path:/api/admin/dead-letters}")
public class DeadLetterController {

    /** An administrator's note on a discarded dead letter. */
    public record Discard(@Size(max = 2000) String note) {
    }

    private final DeadLetterStore store;
    private final Supplier<List<DeadLetterRetrier>> retriers;
    private final TransactionTemplate transactions;

    /** @param retriers every consumer of the service, and what else keeps dead letters (a publisher, say) */
    public DeadLetterController(DeadLetterStore store, Supplier<List<DeadLetterRetrier>> retriers, TransactionTemplate transactions) {
        this.store = store;
        this.retriers = retriers;
        this.transactions = transactions;
    }

    /** Dead letters oldest first; {@code status} DEAD (waiting, the default), RETRIED, DISCARDED or ALL. */
    @GetMapping
    public List<DeadLetter> list(@RequestParam(defaultValue = "DEAD") StatusFilter status,
            @RequestParam(required = false) @Size(max = 100) String consumer, @RequestParam(required = false) @Size(max = 255) String topic,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit, @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return store.list(status.status(), consumer, topic, limit, offset);
    }

    /** Which dead letters a list shows. */
    public enum StatusFilter {
        DEAD, RETRIED, DISCARDED, ALL;

        DeadLetter.Status status() {
            return this == ALL ? null : DeadLetter.Status.valueOf(name());
        }
    }

    @GetMapping("/{id}")
    public ResponseEntity<?> inspect(@PathVariable long id) {
        return store.find(id).<ResponseEntity<?>>map(ResponseEntity::ok).orElseGet(() -> unknown(id));
    }

    @PostMapping("/{id}/retry")
    public ResponseEntity<?> retry(@PathVariable long id) {
        DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return unknown(id);
        }
        if (letter.status() != DeadLetter.Status.DEAD) {
            return notWaiting(letter);
        }
        DeadLetterRetrier retrier = retriers.get().stream().filter(r -> r.consumer().equals(letter.consumer())).findFirst().orElse(null);
        if (retrier == null) {
            return problem(HttpStatus.CONFLICT, "No consumer " + letter.consumer() + " in this service can retry dead letter " + id
                    + "; consumers: " + retriers.get().stream().map(DeadLetterRetrier::consumer).toList(), "consumer");
        }
        try {
            retrier.retry(letter, by());
        } catch (RuntimeException failed) {
            transactions.executeWithoutResult(status -> store.failedAgain(id, failed));
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, "Dead letter " + id
                    + " failed again: " + Failures.reason(failed) + ". It stays a dead letter; discard it, or retry it once the cause is "
                    + "fixed.");
            problem.setTitle("Retry failed");
            problem.setProperty("errors", List.of(Map.of("field", "id", "message", Failures.reason(failed))));
            return ResponseEntity.unprocessableContent().body(problem);
        }
        return ResponseEntity.ok(store.find(id).orElseThrow());
    }

    @PostMapping("/{id}/discard")
    public ResponseEntity<?> discard(@PathVariable long id, @RequestBody(required = false) Discard body) {
        DeadLetter letter = store.find(id).orElse(null);
        if (letter == null) {
            return unknown(id);
        }
        String note = body == null ? null : body.note();
        if (note != null && note.length() > 2000) {
            return problem(HttpStatus.BAD_REQUEST, "note may have at most 2000 characters", "note");
        }
        if (!store.resolve(id, DeadLetter.Status.DISCARDED, by(), note)) {
            return notWaiting(store.find(id).orElse(letter));
        }
        return ResponseEntity.ok(store.find(id).orElseThrow());
    }

    private static String by() {
        Caller caller = Caller.current();
        return caller.open() ? "security off" : caller.name().orElse(null);
    }

    private static ResponseEntity<ProblemDetail> unknown(long id) {
        return problem(HttpStatus.NOT_FOUND, "No dead letter with id " + id, "id");
    }

    private static ResponseEntity<ProblemDetail> notWaiting(DeadLetter letter) {
        return problem(HttpStatus.CONFLICT, "Dead letter " + letter.id() + " is " + letter.status() + " (by " + letter.resolvedBy() + " at "
                + letter.resolvedAt() + "); only a DEAD one can be retried or discarded", "id");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail, String field) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return ResponseEntity.status(status).body(problem);
    }
}
