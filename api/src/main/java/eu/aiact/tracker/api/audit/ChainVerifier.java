package eu.aiact.tracker.api.audit;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

import eu.aiact.tracker.api.signing.SigningKeys;

/**
 * Walks the log link by link, from the genesis hash: each link's stored previous hash must be the hash of the link before, and its
 * stored hash the recomputed hash of its event; each event becomes the next leaf of the recomputed Merkle tree (and, where the stored
 * tree's leaf is known, must equal it). At the size of every signed {@link Checkpoint} given, the recomputed root and chain hash must be
 * the checkpoint's, and the checkpoint must be signed by the key given: otherwise the log no longer extends it, which is a break. Feed the
 * links in chain order, then ask for the verification.
 */
public final class ChainVerifier {

    private final Iterator<Checkpoint> checkpoints;
    private Checkpoint nextCheckpoint;
    private final PublicKey key;
    private final MerkleFrontier tree = new MerkleFrontier();
    private final List<byte[]> leaves;
    private byte[] previous = EventChain.genesis();
    private long checked;
    private long lastHeld;
    private long checkpointsVerified;
    private ChainBreak firstBreak;

    /** A verifier of the chain and tree alone. */
    public ChainVerifier() {
        this(List.of(), null, false);
    }

    /**
     * @param checkpoints signed checkpoints the log must extend
     * @param key         the key that must have signed them (required when there are any)
     * @param keepLeaves  keep every recomputed leaf hash ({@link #leaves()}), to compare with another copy of the log
     */
    public ChainVerifier(Collection<Checkpoint> checkpoints, PublicKey key, boolean keepLeaves) {
        this(checkpoints.stream().sorted(Comparator.comparingLong(Checkpoint::treeSize)).iterator(), key, keepLeaves);
    }

    /** As above, with the checkpoints coming in the order of their size (streamed from a database, say). */
    public ChainVerifier(Iterator<Checkpoint> checkpointsBySize, PublicKey key, boolean keepLeaves) {
        this.checkpoints = checkpointsBySize;
        this.nextCheckpoint = checkpointsBySize.hasNext() ? checkpointsBySize.next() : null;
        if (nextCheckpoint != null && key == null) {
            throw new IllegalArgumentException("checkpoints can only be verified with the key that signed them");
        }
        this.key = key;
        this.leaves = keepLeaves ? new ArrayList<>() : null;
    }

    public boolean next(long position, String eventIdentifier, ChainedEvent event, byte[] storedPrevious, byte[] storedHash) {
        return next(position, eventIdentifier, event, storedPrevious, storedHash, null);
    }

    /**
     * Checks the next link. {@code event} is null when the link names an event the store no longer holds; {@code storedLeafHash} is the
     * stored tree's leaf at this position, or null where not known. Returns false once the log is broken (later links are not checked:
     * after a break every later hash is suspect).
     */
    public boolean next(long position, String eventIdentifier, ChainedEvent event, byte[] storedPrevious, byte[] storedHash,
            byte[] storedLeafHash) {
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
        byte[] content = EventChain.content(event);
        byte[] recomputed = EventChain.hash(previous, event);
        if (!Arrays.equals(recomputed, storedHash)) {
            return broken(position, eventIdentifier, "the stored event does not match its hash: its content was changed after it was chained");
        }
        byte[] leaf = MerkleTree.leafHash(content);
        if (storedLeafHash != null && !Arrays.equals(leaf, storedLeafHash)) {
            return broken(position, eventIdentifier, "the Merkle tree's leaf at this position does not match the event");
        }
        tree.append(leaf);
        if (leaves != null) {
            leaves.add(leaf);
        }
        previous = recomputed;
        checked++;
        while (nextCheckpoint != null && nextCheckpoint.treeSize() <= position) {
            Checkpoint checkpoint = nextCheckpoint;
            nextCheckpoint = checkpoints.hasNext() ? checkpoints.next() : null;
            if (checkpoint.treeSize() == position && !holds(checkpoint)) {
                return false;
            }
        }
        return true;
    }

    private boolean holds(Checkpoint checkpoint) {
        if (!checkpoint.signedBy(key)) {
            return broken(checkpoint.treeSize(), null, "the checkpoint of size " + checkpoint.treeSize() + " (issued " + checkpoint.issuedAt()
                    + ", key " + checkpoint.keyId() + ") is not signed by key " + SigningKeys.keyId(key));
        }
        byte[] root = tree.root();
        if (!Arrays.equals(root, checkpoint.root()) || !EventChain.hex(previous).equals(checkpoint.chainHash())) {
            long from = lastHeld + 1;
            String where = from == checkpoint.treeSize() ? "the changed event is at position " + from
                    : "the first changed event lies between positions " + from + " and " + checkpoint.treeSize()
                            + (lastHeld > 0 ? " (the checkpoint of size " + lastHeld + " still holds)" : "");
            return broken(from, null, "the log no longer extends the checkpoint of size " + checkpoint.treeSize() + " signed at "
                    + checkpoint.issuedAt() + ": its first " + checkpoint.treeSize() + " events now hash to root " + EventChain.hex(root)
                    + ", the checkpoint signed " + checkpoint.rootHash() + "; " + where);
        }
        lastHeld = checkpoint.treeSize();
        checkpointsVerified++;
        return true;
    }

    /** Records a break found outside the links themselves, e.g. an event that has no link. */
    public void broken(ChainBreak chainBreak) {
        if (firstBreak == null) {
            firstBreak = chainBreak;
        }
    }

    public ChainVerification result() {
        return result(0);
    }

    /** The outcome, with {@code pendingEvents} committed events not integrated yet (not a break). */
    public ChainVerification result(long pendingEvents) {
        if (firstBreak == null && nextCheckpoint != null && nextCheckpoint.treeSize() > checked) {
            Checkpoint checkpoint = nextCheckpoint;
            broken(new ChainBreak(checked + 1, null, "the log holds " + checked + " events, but the checkpoint of size "
                    + checkpoint.treeSize() + " signed at " + checkpoint.issuedAt() + " covers " + checkpoint.treeSize()
                    + ": events were removed"));
        }
        return new ChainVerification(firstBreak == null, checked, EventChain.hex(previous), firstBreak, tree.size(),
                EventChain.hex(tree.root()), pendingEvents, checkpointsVerified);
    }

    /** The recomputed leaf hashes, in log order (when kept). */
    public List<byte[]> leaves() {
        if (leaves == null) {
            throw new IllegalStateException("leaves were not kept");
        }
        return leaves;
    }

    private boolean broken(long position, String eventIdentifier, String problem) {
        firstBreak = new ChainBreak(position, eventIdentifier, problem);
        return false;
    }
}
