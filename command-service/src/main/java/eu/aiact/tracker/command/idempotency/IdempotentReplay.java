package eu.aiact.tracker.command.idempotency;

/** The answer to a command retried under an idempotency key it already used: what the first attempt answered, nothing new stored. */
public record IdempotentReplay(String result) {
}
