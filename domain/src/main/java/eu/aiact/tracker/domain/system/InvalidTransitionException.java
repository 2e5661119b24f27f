package eu.aiact.tracker.domain.system;

/**
 * A well-formed command that the system's current state does not allow (end it twice, put an ended system into service). Answered with
 * 409 Conflict; nothing is stored.
 */
public class InvalidTransitionException extends InvalidCommandException {

    public InvalidTransitionException(String field, String message) {
        super(field, message);
    }
}
