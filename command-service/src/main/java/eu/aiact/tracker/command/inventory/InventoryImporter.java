package eu.aiact.tracker.command.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.command.idempotency.IdempotencyKeyReusedException;
import eu.aiact.tracker.command.idempotency.IdempotentReplay;
import eu.aiact.tracker.command.rest.CommandMetadata;
import eu.aiact.tracker.command.rest.ProblemDetailsAdvice;
import eu.aiact.tracker.command.rest.RequestOrigin;
import eu.aiact.tracker.domain.system.InvalidCommandException;
import eu.aiact.tracker.domain.system.InvalidTransitionException;
import eu.aiact.tracker.web.security.AccessRefusedException;

/**
 * Records the commands of an inventory's rows through the command bus, as the REST commands are: the rows in parallel and each row's
 * commands in order, every command under its own idempotency key and with the importing caller as its actor.
 */
@Component
public class InventoryImporter {

    private static final int PARALLEL_ROWS = 4;
    static final String REASON = "Inventory import";

    private final CommandGateway gateway;

    public InventoryImporter(CommandGateway gateway) {
        this.gateway = gateway;
    }

    /** One imported row: the system's id, how many commands were sent, how many of them had been recorded before (a file imported again). */
    public record Imported(int row, String organisation, String name, String systemId, int commands, int replayed) {
    }

    /** A row whose command was refused: the step, the HTTP status the command alone would have had, and why. */
    public record Failed(int row, String organisation, String name, String step, int status, String detail) {
    }

    public record Outcome(List<Imported> imported, List<Failed> failed) {
    }

    /** Imports the rows on behalf of {@code caller} (its actor, its correlation id and the organisations it may change). */
    public Outcome importRows(List<InventoryRow> rows, RequestOrigin caller) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_ROWS);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (InventoryRow row : rows) {
                results.add(pool.submit(() -> importRow(row, caller)));
            }
            List<Imported> imported = new ArrayList<>();
            List<Failed> failed = new ArrayList<>();
            for (Future<Object> result : results) {
                Object outcome;
                try {
                    outcome = result.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                if (outcome instanceof Imported done) {
                    imported.add(done);
                } else {
                    failed.add((Failed) outcome);
                }
            }
            return new Outcome(imported, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    private Object importRow(InventoryRow row, RequestOrigin caller) {
        String systemId = null;
        int replayed = 0;
        for (PlannedCommand command : row.commands()) {
            RequestOrigin origin = new RequestOrigin(caller.actor(), caller.correlationId(), row.idempotencyKey(command), caller.writable());
            Object payload = command.command(systemId == null ? UUID.randomUUID().toString() : systemId);
            try {
                Object result = gateway.sendAndWait(GenericCommandMessage.asCommandMessage(payload)
                        .andMetaData(CommandMetadata.of(origin, REASON).toMetaData()));
                if (result instanceof IdempotentReplay replay) {
                    replayed++;
                    result = replay.result();
                }
                if (systemId == null) {
                    systemId = String.valueOf(result);
                }
            } catch (RuntimeException refused) {
                Throwable cause = refused instanceof CommandExecutionException && refused.getCause() != null ? refused.getCause() : refused;
                return new Failed(row.row(), row.organisation(), row.name(), command.step(), status(cause), cause.getMessage());
            }
        }
        return new Imported(row.row(), row.organisation(), row.name(), systemId, row.commands().size(), replayed);
    }

    private static int status(Throwable cause) {
        if (cause instanceof InvalidTransitionException || cause instanceof ConflictingAggregateVersionException) {
            return 409;
        }
        if (cause instanceof InvalidCommandException) {
            return 400;
        }
        if (cause instanceof IdempotencyKeyReusedException) {
            return 422;
        }
        if (cause instanceof AccessRefusedException) {
            return 403;
        }
        return ProblemDetailsAdvice.databaseUnavailable(cause) ? 503 : 500;
    }
}
