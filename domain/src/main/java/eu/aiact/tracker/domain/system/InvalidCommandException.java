package eu.aiact.tracker.domain.system;

/** A command that breaks one of the AI system's rules. Nothing is stored; the caller is told which field is wrong and why. */
public class InvalidCommandException extends RuntimeException {

    private final String field;

    public InvalidCommandException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
