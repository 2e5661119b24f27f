package eu.aiact.tracker.stream;

/** A record that is not what the topic carries (not JSON, no envelope, an unknown type, a field missing): it becomes a dead letter at once. */
public class UnreadableRecordException extends RuntimeException {

    public UnreadableRecordException(String message) {
        super(message);
    }
}
