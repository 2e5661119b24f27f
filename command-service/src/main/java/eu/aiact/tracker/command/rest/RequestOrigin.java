package eu.aiact.tracker.command.rest;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import eu.aiact.tracker.domain.system.InvalidCommandException;
import eu.aiact.tracker.domain.system.Text;
import eu.aiact.tracker.web.security.AccessRefusedException;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;

/**
 * Who sends a command and under which request identities. The actor is the authenticated caller (the token's subject); only with security
 * switched off (development and tests) does it come from the {@code X-Actor} header. {@code X-Correlation-Id} is generated when absent
 * and echoed in the answer; {@code Idempotency-Key} is optional. {@code writable} holds the organisations whose systems the caller may
 * change, empty when it may change all of them.
 */
public record RequestOrigin(String actor, String correlationId, String idempotencyKey, Optional<Set<String>> writable) {

    public static final String ACTOR_HEADER = "X-Actor";
    public static final String CORRELATION_HEADER = "X-Correlation-Id";
    public static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9._:@/+=-]{1,200}");
    private static final int MAX_ACTOR = 200;

    public static RequestOrigin of(Caller caller, String actorHeader, String correlationId, String idempotencyKey) {
        String actor = caller.open() ? actorHeader : caller.name().orElse(null);
        if (!caller.open() && actor == null) {
            throw new AccessRefusedException("The token names no caller");
        }
        if (actor == null || actor.isBlank() || actor.strip().length() > MAX_ACTOR) {
            throw new InvalidCommandException(ACTOR_HEADER, "header " + ACTOR_HEADER + " must name who sends the command (1 to "
                    + MAX_ACTOR + " characters)");
        }
        Text.check(caller.open() ? ACTOR_HEADER : "sub", actor, MAX_ACTOR);
        requireToken(CORRELATION_HEADER, correlationId);
        requireToken(IDEMPOTENCY_HEADER, idempotencyKey);
        return new RequestOrigin(actor.strip(), correlationId != null ? correlationId : UUID.randomUUID().toString(), idempotencyKey,
                caller.scope(Capability.WRITE));
    }

    private static void requireToken(String header, String value) {
        if (value != null && !TOKEN.matcher(value).matches()) {
            throw new InvalidCommandException(header, "header " + header + " must be 1 to 200 characters of letters, digits and ._:@/+=-");
        }
    }
}
