package eu.aiact.tracker.notifier.channel;

import java.time.Duration;

/** How often a channel tries one message before it becomes a dead letter, and how long it waits between tries (doubling). */
public interface RetryPolicy {

    int maxAttempts();

    Duration initialBackoff();

    /** The wait after the given number of failed attempts (1: after the first). */
    default Duration backoffAfter(int failedAttempts) {
        return initialBackoff().multipliedBy(1L << Math.min(Math.max(failedAttempts - 1, 0), 30));
    }
}
