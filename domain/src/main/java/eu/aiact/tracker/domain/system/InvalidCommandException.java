package eu.aiact.tracker.domain.system;

import java.util.List;

/** A command that breaks one of the AI system's rules. Nothing is stored; the caller is told which field is wrong and why. */
public class InvalidCommandException extends RuntimeException {

    private final String field;
    private final List<String> accepted;

    public InvalidCommandException(String field, String message) {
        this(field, message, List.of());
    }

    /** @param accepted values the field would accept (the nearest provisions, the system's obligation codes ...), for the answer */
    public InvalidCommandException(String field, String message, List<String> accepted) {
        super(message);
        this.field = field;
        this.accepted = List.copyOf(accepted);
    }

    public String field() {
        return field;
    }

    /** Values the field would accept, to help the caller; empty when the message says it all. */
    public List<String> accepted() {
        return accepted;
    }
}
