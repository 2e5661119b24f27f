package eu.aiact.tracker.stream;

/** Processes a dead letter of one consumer again, on an administrator's request. */
public interface DeadLetterRetrier {

    /** The consumer whose dead letters this retries ({@link DeadLetter#consumer()}). */
    String consumer();

    /**
     * Processes the dead letter's record as if it came again, in its own transaction, and marks it {@code RETRIED} (by {@code by}) in that transaction.
     *
     * @throws RuntimeException when it fails again (nothing is kept of the attempt)
     */
    void retry(DeadLetter letter, String by);
}
