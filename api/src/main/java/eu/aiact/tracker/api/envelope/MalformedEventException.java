package eu.aiact.tracker.api.envelope;

/** A message on the events topic that cannot be read as an event. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String message) {
        super(message);
    }
}
