package eu.aiact.tracker.notifier.rest;

/** A request value that bean validation cannot judge alone (it depends on another field); answered 400 naming the field. */
public class InvalidFieldException extends RuntimeException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
