package eu.aiact.tracker.api.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The right edge of a growing {@link MerkleTree}: for each set bit of the tree's size, the root of the perfect subtree it stands for (a
 * compact range). Appending a leaf gives the nodes that became complete, to be stored; the root of the whole tree is O(log n) hashes
 * away. The sequencer keeps one to integrate events; verifiers keep one to recompute a root while they stream a log.
 */
public final class MerkleFrontier {

    /** A node that became complete: see {@link MerkleTree.NodeSource}. */
    public record Node(int level, long index, byte[] hash) {
    }

    private final List<byte[]> left = new ArrayList<>();
    private long size;

    public MerkleFrontier() {
    }

    /** The frontier of an existing tree of {@code size} leaves, from its stored perfect subtrees (O(log n) look-ups). */
    public static MerkleFrontier of(long size, MerkleTree.NodeSource nodes) {
        MerkleFrontier frontier = new MerkleFrontier();
        for (int level = 0; level < Long.SIZE - 1; level++) {
            if ((size >> level & 1) == 1) {
                frontier.set(level, nodes.node(level, (size >> level) - 1));
            }
        }
        frontier.size = size;
        return frontier;
    }

    public long size() {
        return size;
    }

    /** Adds the next leaf (its hash); answers the leaf and every inner node this completed, lowest first. */
    public List<Node> append(byte[] leafHash) {
        List<Node> completed = new ArrayList<>(4);
        long index = size;
        int level = 0;
        byte[] current = leafHash;
        completed.add(new Node(0, index, current));
        while ((index & 1) == 1) {
            current = MerkleTree.nodeHash(left.get(level), current);
            left.set(level, null);
            index >>= 1;
            level++;
            completed.add(new Node(level, index, current));
        }
        set(level, current);
        size++;
        return completed;
    }

    public byte[] root() {
        if (size == 0) {
            return MerkleTree.emptyRoot();
        }
        byte[] root = null;
        for (int level = 0; level < left.size(); level++) {
            if ((size >> level & 1) == 1) {
                root = root == null ? left.get(level) : MerkleTree.nodeHash(left.get(level), root);
            }
        }
        return root;
    }

    public MerkleFrontier copy() {
        MerkleFrontier copy = new MerkleFrontier();
        copy.left.addAll(left);
        copy.size = size;
        return copy;
    }

    private void set(int level, byte[] hash) {
        while (left.size() <= level) {
            left.add(null);
        }
        left.set(level, hash);
    }
}
