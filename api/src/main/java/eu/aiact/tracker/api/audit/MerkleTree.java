package eu.aiact.tracker.api.audit;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The Merkle tree of RFC 9162 (Certificate Transparency 2.0), section 2.1, over the events of the log in log order: the hash of a leaf is
 * {@code SHA-256(0x00 || entry)}, of an inner node {@code SHA-256(0x01 || left || right)}; a tree of {@code n > 1} leaves splits at the
 * largest power of two below {@code n}. Inclusion proofs (an entry is in a tree) and consistency proofs (a tree is a prefix of a larger
 * one) have O(log n) hashes, and are built from the hashes of perfect subtrees ({@link NodeSource}), so that a tree kept in a database
 * answers each with O(log n) look-ups. Verification follows the RFC's algorithms (sections 2.1.3.2 and 2.1.4.2) and needs nothing but the
 * hashes.
 */
public final class MerkleTree {

    public static final int HASH_LENGTH = 32;
    private static final byte[] EMPTY_ROOT = sha256(new byte[0]);

    private MerkleTree() {
    }

    /**
     * The hash of a perfect subtree: {@code node(level, index)} covers the {@code 2^level} leaves from {@code index * 2^level}; level 0 is
     * the leaves' hashes.
     */
    @FunctionalInterface
    public interface NodeSource {
        byte[] node(int level, long index);
    }

    /** Names one perfect subtree, see {@link NodeSource}. */
    public record NodeKey(int level, long index) {
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    public static byte[] emptyRoot() {
        return EMPTY_ROOT.clone();
    }

    public static byte[] leafHash(byte[] entry) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 0);
        sha256.update(entry);
        return sha256.digest();
    }

    public static byte[] nodeHash(byte[] left, byte[] right) {
        MessageDigest sha256 = sha256();
        sha256.update((byte) 1);
        sha256.update(left);
        sha256.update(right);
        return sha256.digest();
    }

    /** The root of the tree of the first {@code size} leaves. */
    public static byte[] root(long size, NodeSource nodes) {
        return size == 0 ? emptyRoot() : subtree(0, size, nodes);
    }

    /** The hash of the leaves {@code [start, end)} as RFC 9162 defines it (MTH of that range), from perfect subtrees. */
    public static byte[] subtree(long start, long end, NodeSource nodes) {
        long n = end - start;
        if (n <= 0) {
            throw new IllegalArgumentException("empty range " + start + ".." + end);
        }
        if (Long.bitCount(n) == 1 && start % n == 0) {
            return nodes.node(Long.numberOfTrailingZeros(n), start / n);
        }
        long k = largestPowerOfTwoBelow(n);
        return nodeHash(subtree(start, start + k, nodes), subtree(start + k, end, nodes));
    }

    /** RFC 9162 PATH(m, D[n]): the hashes that lead from leaf {@code index} to the root of the tree of {@code size} leaves, leaf first. */
    public static List<byte[]> inclusionProof(long index, long size, NodeSource nodes) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        List<byte[]> proof = new ArrayList<>();
        path(index, 0, size, nodes, proof);
        return proof;
    }

    private static void path(long m, long start, long end, NodeSource nodes, List<byte[]> proof) {
        long n = end - start;
        if (n == 1) {
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m < k) {
            path(m, start, start + k, nodes, proof);
            proof.add(subtree(start + k, end, nodes));
        } else {
            path(m - k, start + k, end, nodes, proof);
            proof.add(subtree(start, start + k, nodes));
        }
    }

    /**
     * RFC 9162 PROOF(m, D[n]): the hashes that show the tree of {@code from} leaves is a prefix of the tree of {@code to} leaves (empty when
     * {@code from} is 0 or equals {@code to}).
     */
    public static List<byte[]> consistencyProof(long from, long to, NodeSource nodes) {
        if (from < 0 || from > to) {
            throw new IllegalArgumentException("no consistency proof from " + from + " to " + to);
        }
        List<byte[]> proof = new ArrayList<>();
        if (from > 0) {
            subproof(from, 0, to, true, nodes, proof);
        }
        return proof;
    }

    private static void subproof(long m, long start, long end, boolean complete, NodeSource nodes, List<byte[]> proof) {
        long n = end - start;
        if (m == n) {
            if (!complete) {
                proof.add(subtree(start, end, nodes));
            }
            return;
        }
        long k = largestPowerOfTwoBelow(n);
        if (m <= k) {
            subproof(m, start, start + k, complete, nodes, proof);
            proof.add(subtree(start + k, end, nodes));
        } else {
            subproof(m - k, start + k, end, false, nodes, proof);
            proof.add(subtree(start, start + k, nodes));
        }
    }

    /**
     * The root that an inclusion proof leads to from the leaf's hash (RFC 9162 section 2.1.3.2); compare it with a signed root.
     *
     * @throws IllegalArgumentException when the proof does not fit a tree of that size (too long, too short, leaf out of range)
     */
    public static byte[] rootFromInclusionProof(long index, long size, byte[] leafHash, List<byte[]> proof) {
        if (index < 0 || index >= size) {
            throw new IllegalArgumentException("leaf " + index + " is not in a tree of " + size);
        }
        long fn = index;
        long sn = size - 1;
        byte[] r = leafHash;
        for (byte[] p : proof) {
            if (sn == 0) {
                throw new IllegalArgumentException("the proof is longer than a tree of " + size + " needs");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>= 1;
            sn >>= 1;
        }
        if (sn != 0) {
            throw new IllegalArgumentException("the proof is shorter than a tree of " + size + " needs");
        }
        return r;
    }

    public static boolean verifyInclusion(long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root) {
        try {
            return Arrays.equals(rootFromInclusionProof(index, size, leafHash, proof), root);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Whether {@code proof} shows that the tree of {@code from} leaves with root {@code fromRoot} is a prefix of the tree of {@code to}
     * leaves with root {@code toRoot} (RFC 9162 section 2.1.4.2).
     */
    public static boolean verifyConsistency(long from, long to, byte[] fromRoot, byte[] toRoot, List<byte[]> proof) {
        if (from < 0 || from > to) {
            return false;
        }
        if (from == to) {
            return proof.isEmpty() && Arrays.equals(fromRoot, toRoot);
        }
        if (from == 0) {
            return proof.isEmpty() && Arrays.equals(fromRoot, EMPTY_ROOT);
        }
        if (proof.isEmpty()) {
            return false;
        }
        List<byte[]> path = new ArrayList<>(proof.size() + 1);
        if (Long.bitCount(from) == 1) {
            path.add(fromRoot);
        }
        path.addAll(proof);
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>= 1;
            sn >>= 1;
        }
        byte[] fr = path.get(0);
        byte[] sr = path.get(0);
        for (byte[] c : path.subList(1, path.size())) {
            if (sn == 0) {
                return false;
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(c, fr);
                sr = nodeHash(c, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>= 1;
                    sn >>= 1;
                }
            } else {
                sr = nodeHash(sr, c);
            }
            fn >>= 1;
            sn >>= 1;
        }
        return sn == 0 && Arrays.equals(fr, fromRoot) && Arrays.equals(sr, toRoot);
    }

    /**
     * Runs {@code computation} twice: once to learn which perfect subtrees it needs (the structure of a proof depends on sizes only, never on
     * hashes), then with those fetched at once by {@code fetch}. A database answers a proof with one query this way.
     */
    public static <T> T withNodes(Function<NodeSource, T> computation, Function<Set<NodeKey>, Map<NodeKey, byte[]>> fetch) {
        Set<NodeKey> needed = new LinkedHashSet<>();
        byte[] placeholder = new byte[HASH_LENGTH];
        computation.apply((level, index) -> {
            needed.add(new NodeKey(level, index));
            return placeholder;
        });
        Map<NodeKey, byte[]> fetched = needed.isEmpty() ? Map.of() : fetch.apply(needed);
        return computation.apply((level, index) -> {
            byte[] hash = fetched.get(new NodeKey(level, index));
            if (hash == null) {
                throw new IllegalStateException("the tree holds no node " + level + "/" + index);
            }
            return hash;
        });
    }

    /** Every perfect subtree of a list of leaf hashes, computed in memory (for exports, batches and tests). */
    public static NodeSource inMemory(List<byte[]> leafHashes) {
        List<byte[][]> levels = new ArrayList<>();
        byte[][] level = leafHashes.toArray(byte[][]::new);
        levels.add(level);
        while (level.length > 1) {
            byte[][] up = new byte[level.length / 2][];
            for (int i = 0; i < up.length; i++) {
                up[i] = nodeHash(level[2 * i], level[2 * i + 1]);
            }
            levels.add(up);
            level = up;
        }
        return (l, index) -> {
            if (l >= levels.size() || index >= levels.get(l).length) {
                throw new IllegalArgumentException("no perfect subtree " + l + "/" + index + " among " + leafHashes.size() + " leaves");
            }
            return levels.get(l)[(int) index];
        };
    }

    static long largestPowerOfTwoBelow(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static byte[] sha256(byte[] bytes) {
        return sha256().digest(bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
