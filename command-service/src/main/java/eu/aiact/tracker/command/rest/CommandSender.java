package eu.aiact.tracker.command.rest;

import java.net.URI;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
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

    private Object send(Object command, CommandMetadata metadata) {
        return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata.toMetaData()));
    }
}
