package eu.aiact.tracker.command.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.MetaData;

import eu.aiact.tracker.command.aggregate.AiSystem;
import eu.aiact.tracker.domain.system.InvalidCommandException;
import eu.aiact.tracker.command.idempotency.IdempotencyInterceptor;

/** The metadata a command carries into its events: the request's origin and the body's optional {@code reason}. */
public record CommandMetadata(RequestOrigin origin, String reason) {

    public static final String ACTOR = "actor";
    public static final String REASON = "reason";
    public static final String CORRELATION_ID = "correlationId";

    private static final int MAX_REASON = 1000;

    public static CommandMetadata of(RequestOrigin origin, String reason) {
        if (reason != null && reason.strip().length() > MAX_REASON) {
            throw new InvalidCommandException(REASON, "reason may have at most " + MAX_REASON + " characters");
        }
        return new CommandMetadata(origin, reason == null || reason.isBlank() ? null : reason.strip());
    }

    public String correlationId() {
        return origin.correlationId();
    }

    public MetaData toMetaData() {
        Map<String, Object> values = new HashMap<>();
        values.put(ACTOR, origin.actor());
        values.put(CORRELATION_ID, origin.correlationId());
        origin.writable().ifPresent(organisations -> values.put(AiSystem.WRITABLE_ORGANISATIONS, List.copyOf(organisations)));
        if (origin.idempotencyKey() != null) {
            values.put(IdempotencyInterceptor.METADATA_KEY, origin.idempotencyKey());
        }
        if (reason != null) {
            values.put(REASON, reason);
        }
        return MetaData.from(values);
    }
}
