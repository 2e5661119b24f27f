package eu.aiact.tracker.api.audit;

/**
 * The first place where the chain does not hold.
 *
 * @param position        the link's position in the chain (1 for the first event)
 * @param eventIdentifier the event at that position, when known
 * @param problem         what is wrong, in words
 */
public record ChainBreak(long position, String eventIdentifier, String problem) {
}
