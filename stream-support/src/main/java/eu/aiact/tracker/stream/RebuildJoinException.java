package eu.aiact.tracker.stream;

/**
 * A poll met a rebuild generation this instance has not joined (another instance asked for it): nothing of the poll is handled, the
 * poll is tried again (a failure that goes away) while the consumer restarts to replay its partitions from where the rebuild got.
 */
class RebuildJoinException extends RuntimeException {

    RebuildJoinException(String message) {
        super(message);
    }
}
