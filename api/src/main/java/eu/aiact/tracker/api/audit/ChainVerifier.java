package eu.aiact.tracker.api.audit;

import java.util.Arrays;

/**
 * Walks a chain link by link, from the genesis hash: each link's stored previous hash must be the hash of the link before, and its
 * stored hash must be the recomputed hash of its event. Feed the links in chain order, then ask for the verification.
 */
public final class ChainVerifier {

    private byte[] previous = EventChain.genesis();
    private long checked;
    private ChainBreak firstBreak;

    /**
     * Checks the next link. {@code event} is null when the link names an event the store no longer holds. Returns false once the chain
     * is broken (later links are not checked: after a break every later hash is suspect).
     */
    public boolean next(long position, String eventIdentifier, ChainedEvent event, byte[] storedPrevious, byte[] storedHash) {
        if (firstBreak != null) {
            return false;
        }
        if (position != checked + 1) {
            return broken(position, eventIdentifier, "link " + (checked + 1) + " is missing from the chain");
        }
        if (event == null) {
            return broken(position, eventIdentifier, "the event this link covers is missing from the event store");
        }
        if (!Arrays.equals(storedPrevious, previous)) {
            return broken(position, eventIdentifier, "the link does not point to the hash of the link before it");
        }
        byte[] recomputed = EventChain.hash(previous, event);
        if (!Arrays.equals(recomputed, storedHash)) {
            return broken(position, eventIdentifier, "the stored event does not match its hash: its content was changed after it was chained");
        }
        previous = recomputed;
        checked++;
        return true;
    }

    /** Records a break found outside the links themselves, e.g. an event that has no link. */
    public void broken(ChainBreak chainBreak) {
        if (firstBreak == null) {
            firstBreak = chainBreak;
        }
    }

    public ChainVerification result() {
        return new ChainVerification(firstBreak == null, checked, EventChain.hex(previous), firstBreak);
    }

    private boolean broken(long position, String eventIdentifier, String problem) {
        firstBreak = new ChainBreak(position, eventIdentifier, problem);
        return false;
    }
}
