package eu.aiact.tracker.command.idempotency;

/** An idempotency key sent again with a different command: refused, since it cannot be the retry of the first. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String key, String firstCommand) {
        super("Idempotency-Key '" + key + "' was already used for a different request (" + firstCommand + "); use a new key");
    }
}
