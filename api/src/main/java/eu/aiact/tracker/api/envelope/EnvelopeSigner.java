package eu.aiact.tracker.api.envelope;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import eu.aiact.tracker.api.audit.MerkleTree;
import eu.aiact.tracker.api.signing.SigningKey;

/**
 * Signs envelopes as the command service publishes them: one Ed25519 signature per batch, over the root of the Merkle tree of the
 * batch's envelope digests, and in each envelope its inclusion proof (see {@link EnvelopeSignature}).
 */
public final class EnvelopeSigner {

    public static final String BATCH_FORMAT = "aiact-tracker envelope batch v1";

    private final SigningKey key;

    public EnvelopeSigner(SigningKey key) {
        this.key = key;
    }

    /** The envelopes with their signatures, in the same order. */
    public List<EventEnvelope> sign(List<EventEnvelope> batch) {
        if (batch.isEmpty()) {
            return List.of();
        }
        List<byte[]> leaves = new ArrayList<>(batch.size());
        for (EventEnvelope envelope : batch) {
            leaves.add(MerkleTree.leafHash(EnvelopeDigest.of(envelope)));
        }
        MerkleTree.NodeSource tree = MerkleTree.inMemory(leaves);
        byte[] root = MerkleTree.root(leaves.size(), tree);
        String signature = Base64.getEncoder().encodeToString(key.sign(batchMessage(root)));
        List<EventEnvelope> signed = new ArrayList<>(batch.size());
        HexFormat hex = HexFormat.of();
        for (int i = 0; i < batch.size(); i++) {
            List<String> path = MerkleTree.inclusionProof(i, batch.size(), tree).stream().map(hex::formatHex).toList();
            signed.add(batch.get(i).withSignature(new EnvelopeSignature(key.keyId(), batch.size(), i, path, signature)));
        }
        return signed;
    }

    public EventEnvelope sign(EventEnvelope envelope) {
        return sign(List.of(envelope)).get(0);
    }

    /** What the batch's signature is over. */
    static byte[] batchMessage(byte[] root) {
        byte[] prefix = (BATCH_FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
        byte[] message = new byte[prefix.length + root.length];
        System.arraycopy(prefix, 0, message, 0, prefix.length);
        System.arraycopy(root, 0, message, prefix.length, root.length);
        return message;
    }
}
