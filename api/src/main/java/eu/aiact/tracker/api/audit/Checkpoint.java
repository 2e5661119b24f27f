package eu.aiact.tracker.api.audit;

import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;

/**
 * A signed statement of the log's head: after {@code treeSize} events the Merkle tree's root is {@code rootHash} and the hash chain's
 * link is {@code chainHash}. The command service signs one regularly with its Ed25519 key (kept outside the database) and publishes each;
 * an auditor keeps them: whoever later rewrites an event the checkpoint covers cannot produce a log that still extends it (a consistency
 * proof fails), nor sign a new checkpoint without the key.
 * <p>
 * The signature covers {@link #body()}: the lines {@value #FORMAT}, origin, size, root (hex), chain hash (hex) and the issue time
 * (ISO-8601, milliseconds), each ended by a newline.
 *
 * @param origin    which log this is (the service's {@code tracker.log.origin})
 * @param treeSize  how many events the tree holds
 * @param rootHash  the RFC 9162 root of the tree of those events, hex
 * @param chainHash the hash chain's link at position {@code treeSize} (32 zero bytes for an empty log), hex
 * @param issuedAt  when it was signed
 * @param keyId     the signing key's id ({@link SigningKeys#keyId})
 * @param signature Ed25519 signature of the body, Base64
 */
public record Checkpoint(String origin, long treeSize, String rootHash, String chainHash, Instant issuedAt, String keyId, String signature) {

    public static final String FORMAT = "aiact-tracker checkpoint v1";

    public static Checkpoint sign(String origin, long treeSize, byte[] rootHash, byte[] chainHash, Instant issuedAt, SigningKey key) {
        Checkpoint unsigned = new Checkpoint(origin, treeSize, EventChain.hex(rootHash), EventChain.hex(chainHash),
                issuedAt.truncatedTo(ChronoUnit.MILLIS), key.keyId(), null);
        byte[] signature = key.sign(unsigned.body().getBytes(StandardCharsets.UTF_8));
        return new Checkpoint(unsigned.origin, treeSize, unsigned.rootHash, unsigned.chainHash, unsigned.issuedAt, key.keyId(),
                Base64.getEncoder().encodeToString(signature));
    }

    /** The signed text. */
    public String body() {
        return FORMAT + "\n" + origin + "\n" + treeSize + "\n" + rootHash + "\n" + chainHash + "\n" + issuedAt + "\n";
    }

    /** Whether {@code key} signed exactly this checkpoint. */
    public boolean signedBy(PublicKey key) {
        if (signature == null || keyId == null || !keyId.equals(SigningKeys.keyId(key))) {
            return false;
        }
        try {
            return SigningKeys.verify(key, body().getBytes(StandardCharsets.UTF_8), Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }

    public byte[] root() {
        return EventChain.unhex(rootHash);
    }
}
