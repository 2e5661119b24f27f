package eu.aiact.tracker.command.rest;

import java.net.URI;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.command.idempotency.IdempotentReplay;
import eu.aiact.tracker.domain.system.AiSystemRules;
import eu.aiact.tracker.domain.system.Text;

/** Sends a command with its metadata and turns the outcome into the HTTP answer: the system's id and version. */
@Component
public class CommandSender {

    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final CommandGateway gateway;

    public CommandSender(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * Creates an aggregate: 201 with its id and a Location below {@code locationPrefix}, or on a retried key the first creation's id.
     */
    public ResponseEntity<CommandOutcome> create(Object command, RequestOrigin origin, String reason, String locationPrefix) {
        CommandMetadata metadata = CommandMetadata.of(origin, reason);
        Object result = send(command, metadata);
        String id = result instanceof IdempotentReplay replay ? replay.result() : String.valueOf(result);
        return ResponseEntity.created(URI.create(locationPrefix + id))
                .header(RequestOrigin.CORRELATION_HEADER, metadata.correlationId())
                .header(REPLAYED_HEADER, String.valueOf(result instanceof IdempotentReplay))
                .body(new CommandOutcome(id, 0L, null));
    }

    /** Any later command: 200 with the system's version after it. */
    ResponseEntity<CommandOutcome> update(String systemId, Object command, CommandMetadata metadata) {
        return update(systemId, command, metadata, null);
    }

    ResponseEntity<CommandOutcome> update(String systemId, Object command, CommandMetadata metadata, String assessmentId) {
        Text.check("id", systemId, AiSystemRules.MAX_ID); // the path's id is looked up before any rule runs
        Object result = send(command, metadata);
        long version = result instanceof IdempotentReplay replay ? Long.parseLong(replay.result()) : ((Number) result).longValue();
        return ResponseEntity.ok()
                .header(RequestOrigin.CORRELATION_HEADER, metadata.correlationId())
                .header(REPLAYED_HEADER, String.valueOf(result instanceof IdempotentReplay))
                .body(new CommandOutcome(systemId, version, assessmentId));
    }

    /**
     * Sends the command; once more if its events collided with events stored meanwhile for the same system (a sequence number taken:
     * the cached system was stale, see {@code AggregateCacheConfiguration}). The failed attempt stored nothing and dropped the cached
     * system, so the second reads it afresh and decides on every event; a second collision is answered as it is.
     */
    private Object send(Object command, CommandMetadata metadata) {
        try {
            return sendOnce(command, metadata);
        } catch (RuntimeException e) {
            if (!collided(e)) {
                throw e;
            }
            return sendOnce(command, metadata);
        }
    }

    /** Whether the event store refused the command's events for a sequence number another event took (a creation's first is not). */
    private static boolean collided(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private Object sendOnce(Object command, CommandMetadata metadata) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.toMetaData()));
    }
}
