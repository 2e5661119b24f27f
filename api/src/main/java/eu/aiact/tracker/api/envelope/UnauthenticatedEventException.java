package eu.aiact.tracker.api.envelope;

/**
 * An envelope that the command service did not sign as it is: unsigned, signed by a key the consumer does not trust, or changed after
 * signing (a forged or altered event). Consumers dead-letter it with this message as the reason, like any other unreadable message.
 */
public class UnauthenticatedEventException extends MalformedEventException {

    public UnauthenticatedEventException(String message) {
        super(message);
    }
}
