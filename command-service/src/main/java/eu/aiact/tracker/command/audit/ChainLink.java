package eu.aiact.tracker.command.audit;

import eu.aiact.tracker.api.audit.ChainedEvent;

/**
 * One link of the event chain as stored, with the event it covers (null when the event store no longer holds it) and the Merkle tree's
 * leaf at its position (null when the tree has none yet).
 */
public record ChainLink(long position, long globalIndex, String eventIdentifier, byte[] previousHash, byte[] hash, ChainedEvent event,
        byte[] leafHash) {
}
