package eu.aiact.tracker.command.rest;

import java.util.UUID;
import java.util.regex.Pattern;

import eu.aiact.tracker.command.aggregate.InvalidCommandException;

/**
 * Who sends a command and under which request identities, read from the headers: {@code X-Actor} (required), {@code X-Correlation-Id}
 * (generated when absent and echoed in the answer) and {@code Idempotency-Key} (optional).
 */
public record RequestOrigin(String actor, String correlationId, String idempotencyKey) {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,200}");
    private static final int MAX_ACTOR = 200;

    static RequestOrigin of(String actor, String correlationId, String idempotencyKey) {
        if (actor == null || actor.isBlank() || actor.strip().length() > MAX_ACTOR) {
            throw new InvalidCommandException(ACTOR_HEADER, "header " + ACTOR_HEADER + " must name who sends the command (1 to "
                    + MAX_ACTOR + " characters)");
        }
        requireToken(CORRELATION_HEADER, correlationId);
        requireToken(IDEMPOTENCY_HEADER, idempotencyKey);
        return new RequestOrigin(actor.strip(), correlationId != null ? correlationId : UUID.randomUUID().toString(), idempotencyKey);
    }

    private static void requireToken(String header, String value) {
        if (value != null && !TOKEN.matcher(value).matches()) {
            throw new InvalidCommandException(header, "header " + header + " must be 1 to 200 characters of letters, digits and ._:@/+=-");
        }
    }
}
