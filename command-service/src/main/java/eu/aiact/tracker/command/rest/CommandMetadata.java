package eu.aiact.tracker.command.rest;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.messaging.MetaData;

import eu.aiact.tracker.command.aggregate.AiSystem;
import eu.aiact.tracker.domain.system.AiSystemRules;
import eu.aiact.tracker.domain.system.Text;
import eu.aiact.tracker.command.idempotency.IdempotencyInterceptor;

/** The metadata a command carries into its events: the request's origin and the body's optional {@code reason}. */
public record CommandMetadata(RequestOrigin origin, String reason) {

    public static final String ACTOR = "actor";
    public static final String REASON = "reason";
    public static final String CORRELATION_ID = "correlationId";

    /** The reason is text like any field of the command: checked by the domain's one text check. */
    public static CommandMetadata of(RequestOrigin origin, String reason) {
        Text.check(REASON, reason == null ? null : reason.strip(), AiSystemRules.MAX_REASON);
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
