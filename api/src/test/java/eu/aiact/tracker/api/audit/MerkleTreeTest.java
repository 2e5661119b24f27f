package eu.aiact.tracker.api.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The Merkle tree against RFC 9162 vectors: the eight test leaves of Certificate Transparency's reference implementations, with roots
 * and proofs worked out from the RFC's recursive definitions of MTH, PATH and PROOF (section 2.1) by a separate, naive program, not by
 * the code under test.
 */
class MerkleTreeTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final List<byte[]> ENTRIES = List.of("", "00", "10", "2021", "3031", "40414243", "5051525354555657",
            "606162636465666768696a6b6c6d6e6f").stream().map(HEX::parseHex).toList();
    private static final List<byte[]> LEAVES = ENTRIES.stream().map(MerkleTree::leafHash).toList();

    private static final String[] ROOTS = {
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
            "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
            "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
            "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
            "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
            "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
            "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
            "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"};

    /** leaf index, tree size, PATH(m, D[n]) */
    private static final Object[][] INCLUSION = {
            {0, 1, List.of()},
            {0, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")},
            {5, 8, List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")},
            {2, 3, List.of("fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125")},
            {1, 5, List.of("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")},
            {6, 7, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")},
            {3, 8, List.of("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")},
            {4, 5, List.of("d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};

    /** old size, new size, PROOF(m, D[n]) */
    private static final Object[][] CONSISTENCY = {
            {1, 1, List.of()},
            {1, 8, List.of("96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
                    "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")},
            {6, 8, List.of("0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")},
            {2, 5, List.of("5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
                    "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b")},
            {3, 7, List.of("0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
                    "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
                    "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
                    "837dbb152e9b079010717e84e865da4ebc0fa198a806d59d31bf15accef22d0e")},
            {4, 8, List.of("6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4")},
            {5, 7, List.of("bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
                    "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
                    "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")},
            {7, 8, List.of("b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
                    "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1",
                    "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
                    "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7")}};

    @Test
    void theRootsOfTheTestTreesAreTheReferenceRoots() {
        MerkleTree.NodeSource tree = MerkleTree.inMemory(LEAVES);
        for (int n = 0; n <= 8; n++) {
            assertThat(HEX.formatHex(MerkleTree.root(n, tree))).as("root of %d leaves", n).isEqualTo(ROOTS[n]);
        }
    }

    @Test
    void aFrontierGrowsToTheSameRootsAndReloadsFromStoredNodes() {
        MerkleFrontier frontier = new MerkleFrontier();
        assertThat(HEX.formatHex(frontier.root())).isEqualTo(ROOTS[0]);
        Map<MerkleTree.NodeKey, byte[]> stored = new java.util.HashMap<>();
        for (int n = 1; n <= 8; n++) {
            frontier.append(LEAVES.get(n - 1)).forEach(node -> stored.put(new MerkleTree.NodeKey(node.level(), node.index()), node.hash()));
            assertThat(HEX.formatHex(frontier.root())).as("root after %d appends", n).isEqualTo(ROOTS[n]);
            int size = n;
            MerkleFrontier reloaded = MerkleFrontier.of(size, (level, index) -> stored.get(new MerkleTree.NodeKey(level, index)));
            assertThat(HEX.formatHex(reloaded.root())).isEqualTo(ROOTS[n]);
        }
        // every perfect subtree was handed out exactly once: 8 leaves, 4 + 2 + 1 inner nodes
        assertThat(stored).hasSize(15);
        assertThat(HEX.formatHex(stored.get(new MerkleTree.NodeKey(3, 0)))).isEqualTo(ROOTS[8]);
    }

    @Test
    void inclusionProofsAreTheReferencePathsAndVerify() {
        MerkleTree.NodeSource tree = MerkleTree.inMemory(LEAVES);
        for (Object[] vector : INCLUSION) {
            int m = (int) vector[0];
            int n = (int) vector[1];
            @SuppressWarnings("unchecked")
            List<String> expected = (List<String>) vector[2];
            List<byte[]> proof = MerkleTree.inclusionProof(m, n, tree);
            assertThat(proof.stream().map(HEX::formatHex).toList()).as("PATH(%d, D[%d])", m, n).isEqualTo(expected);
            assertThat(MerkleTree.verifyInclusion(m, n, LEAVES.get(m), proof, HEX.parseHex(ROOTS[n]))).isTrue();
        }
    }

    @Test
    void consistencyProofsAreTheReferenceProofsAndVerify() {
        MerkleTree.NodeSource tree = MerkleTree.inMemory(LEAVES);
        for (Object[] vector : CONSISTENCY) {
            int m = (int) vector[0];
            int n = (int) vector[1];
            @SuppressWarnings("unchecked")
            List<String> expected = (List<String>) vector[2];
            List<byte[]> proof = MerkleTree.consistencyProof(m, n, tree);
            assertThat(proof.stream().map(HEX::formatHex).toList()).as("PROOF(%d, D[%d])", m, n).isEqualTo(expected);
            assertThat(MerkleTree.verifyConsistency(m, n, HEX.parseHex(ROOTS[m]), HEX.parseHex(ROOTS[n]), proof)).isTrue();
        }
    }

    @Test
    void aWrongLeafRootOrProofFailsVerification() {
        MerkleTree.NodeSource tree = MerkleTree.inMemory(LEAVES);
        List<byte[]> proof = MerkleTree.inclusionProof(5, 8, tree);
        byte[] root = HEX.parseHex(ROOTS[8]);
        assertThat(MerkleTree.verifyInclusion(5, 8, LEAVES.get(4), proof, root)).as("another leaf").isFalse();
        assertThat(MerkleTree.verifyInclusion(4, 8, LEAVES.get(5), proof, root)).as("another index").isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 7, LEAVES.get(5), proof, HEX.parseHex(ROOTS[7]))).as("another size").isFalse();
        assertThat(MerkleTree.verifyInclusion(5, 8, LEAVES.get(5), proof.subList(0, 2), root)).as("too short").isFalse();
        List<byte[]> longer = new ArrayList<>(proof);
        longer.add(root);
        assertThat(MerkleTree.verifyInclusion(5, 8, LEAVES.get(5), longer, root)).as("too long").isFalse();
        assertThat(MerkleTree.verifyInclusion(8, 8, LEAVES.get(5), proof, root)).as("index out of range").isFalse();

        List<byte[]> consistency = MerkleTree.consistencyProof(3, 7, tree);
        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[3]), HEX.parseHex(ROOTS[7]), consistency)).isTrue();
        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[4]), HEX.parseHex(ROOTS[7]), consistency)).as("old root").isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[3]), HEX.parseHex(ROOTS[8]), consistency)).as("new root").isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 8, HEX.parseHex(ROOTS[3]), HEX.parseHex(ROOTS[8]), consistency)).as("size").isFalse();
        assertThat(MerkleTree.verifyConsistency(3, 7, HEX.parseHex(ROOTS[3]), HEX.parseHex(ROOTS[7]), List.of())).as("empty").isFalse();
        assertThat(MerkleTree.verifyConsistency(7, 3, HEX.parseHex(ROOTS[7]), HEX.parseHex(ROOTS[3]), consistency)).as("shrunk").isFalse();
        assertThat(MerkleTree.verifyConsistency(0, 7, MerkleTree.emptyRoot(), HEX.parseHex(ROOTS[7]), List.of())).as("from empty").isTrue();
    }

    /** A tree whose third entry was replaced, and whose hashes were all recomputed, no longer extends the original's checkpoints. */
    @Test
    void aRewrittenEntryBreaksConsistencyWithEveryEarlierRootThatCoveredIt() {
        List<byte[]> rewritten = new ArrayList<>(LEAVES);
        rewritten.set(2, MerkleTree.leafHash(HEX.parseHex("11")));
        MerkleTree.NodeSource tree = MerkleTree.inMemory(rewritten);
        for (int m = 1; m <= 8; m++) {
            boolean consistent = MerkleTree.verifyConsistency(m, 8, HEX.parseHex(ROOTS[m]), MerkleTree.root(8, tree),
                    MerkleTree.consistencyProof(m, 8, tree));
            assertThat(consistent).as("checkpoint of %d leaves", m).isEqualTo(m <= 2);
        }
    }

    /** Every proof of every tree up to 70 leaves, built from the stored nodes, verifies; built with one fetch of the nodes it needs. */
    @Test
    void everyProofUpTo70LeavesVerifiesAndNeedsLogarithmicallyManyNodes() {
        List<byte[]> leaves = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            leaves.add(MerkleTree.leafHash(new byte[] {(byte) i, (byte) (i * 7)}));
        }
        MerkleTree.NodeSource tree = MerkleTree.inMemory(leaves);
        for (int n = 1; n <= 70; n++) {
            byte[] root = MerkleTree.root(n, tree);
            for (int m = 0; m < n; m++) {
                int index = m;
                int size = n;
                List<MerkleTree.NodeKey> fetched = new ArrayList<>();
                List<byte[]> inclusion = MerkleTree.withNodes(nodes -> MerkleTree.inclusionProof(index, size, nodes), keys -> {
                    fetched.addAll(keys);
                    return keys.stream().collect(Collectors.toMap(key -> key, key -> tree.node(key.level(), key.index())));
                });
                assertThat(MerkleTree.verifyInclusion(m, n, leaves.get(m), inclusion, root)).as("leaf %d of %d", m, n).isTrue();
                assertThat(fetched.size()).as("nodes for leaf %d of %d", m, n).isLessThanOrEqualTo(4 * 7 * 7);
                assertThat(inclusion.size()).isLessThanOrEqualTo(7);
                List<byte[]> consistency = MerkleTree.consistencyProof(m, n, tree);
                assertThat(MerkleTree.verifyConsistency(m, n, MerkleTree.root(m, tree), root, consistency)).as("%d to %d", m, n).isTrue();
                assertThat(consistency.size()).isLessThanOrEqualTo(2 * 7);
            }
        }
        assertThatThrownBy(() -> MerkleTree.inclusionProof(5, 5, tree)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleTree.consistencyProof(6, 5, tree)).isInstanceOf(IllegalArgumentException.class);
    }
}
