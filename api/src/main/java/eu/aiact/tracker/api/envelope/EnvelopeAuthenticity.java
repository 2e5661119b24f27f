package eu.aiact.tracker.api.envelope;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import eu.aiact.tracker.api.audit.MerkleTree;
import eu.aiact.tracker.api.signing.SigningKeys;

/**
 * Decides whether an envelope is one the command service signed: its digest, with its inclusion proof, must lead to a batch root signed
 * by one of the trusted keys. A batch root once verified is remembered (a few thousand), so that a batch's signature is checked once,
 * not once per envelope. Unsigned envelopes (published before signing began, or forged) are refused unless {@code acceptUnsigned}.
 */
public final class EnvelopeAuthenticity {

    public static final String KEYS_PROPERTY = "tracker.envelopes.public-keys";
    public static final String ACCEPT_UNSIGNED_PROPERTY = "tracker.envelopes.accept-unsigned";
    private static final int VERIFIED_ROOTS_KEPT = 4096;

    private final Map<String, PublicKey> keys;
    private final boolean acceptUnsigned;
    private final Map<String, Boolean> verifiedRoots = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > VERIFIED_ROOTS_KEPT;
        }
    };

    private EnvelopeAuthenticity(Collection<PublicKey> keys, boolean acceptUnsigned) {
        this.keys = keys.stream().collect(Collectors.toUnmodifiableMap(SigningKeys::keyId, key -> key, (a, b) -> a));
        this.acceptUnsigned = acceptUnsigned;
    }

    public static EnvelopeAuthenticity verifiedBy(Collection<PublicKey> keys, boolean acceptUnsigned) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no key to verify envelopes with");
        }
        return new EnvelopeAuthenticity(keys, acceptUnsigned);
    }

    /**
     * From a consumer's configuration: {@value #KEYS_PROPERTY} (the command service's public key, Base64 DER or PEM; during a key
     * rotation the old and the new one) and {@value #ACCEPT_UNSIGNED_PROPERTY}.
     *
     * @throws IllegalStateException naming the property when no key is configured or one is not a key
     */
    public static EnvelopeAuthenticity fromConfiguration(List<String> publicKeys, boolean acceptUnsigned) {
        List<String> given = publicKeys == null ? List.of() : publicKeys.stream().filter(key -> key != null && !key.isBlank()).toList();
        if (given.isEmpty()) {
            throw new IllegalStateException(KEYS_PROPERTY + " is not set: a consumer only accepts events the command service signed, and "
                    + "needs its public key (the command service's tracker.signing.public-key, Base64 DER or PEM; environment variable "
                    + "TRACKER_ENVELOPES_PUBLICKEYS)");
        }
        if (acceptUnsigned) {
            System.getLogger(EnvelopeAuthenticity.class.getName()).log(System.Logger.Level.WARNING, ACCEPT_UNSIGNED_PROPERTY + " is true: "
                    + "unsigned envelopes are accepted, also ones forged by anyone who can write to the events topic. Meant for a "
                    + "transition only (see the README, 'Signed envelopes')");
        }
        try {
            return new EnvelopeAuthenticity(given.stream().map(SigningKeys::publicKey).toList(), acceptUnsigned);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(KEYS_PROPERTY + ": " + e.getMessage(), e);
        }
    }

    public boolean acceptsUnsigned() {
        return acceptUnsigned;
    }

    /** @throws UnauthenticatedEventException when the command service did not sign this envelope as it is */
    public void check(EventEnvelope envelope) {
        EnvelopeSignature signature = envelope.signature();
        if (signature == null) {
            if (acceptUnsigned) {
                return;
            }
            throw refused(envelope, "it is not signed (" + ACCEPT_UNSIGNED_PROPERTY + " is false)");
        }
        PublicKey key = signature.keyId() == null ? null : keys.get(signature.keyId());
        if (key == null) {
            throw refused(envelope, "it is signed by key " + signature.keyId() + ", which this consumer does not trust (" + KEYS_PROPERTY + ")");
        }
        byte[] root;
        byte[] signatureBytes;
        try {
            HexFormat hex = HexFormat.of();
            List<byte[]> path = signature.path() == null ? List.of() : signature.path().stream().map(hex::parseHex).toList();
            root = MerkleTree.rootFromInclusionProof(signature.batchIndex(), signature.batchSize(),
                    MerkleTree.leafHash(EnvelopeDigest.of(envelope)), path);
            signatureBytes = Base64.getDecoder().decode(signature.value() == null ? "" : signature.value());
        } catch (IllegalArgumentException e) {
            throw refused(envelope, "its signature is malformed: " + e.getMessage());
        }
        String verified = signature.keyId() + ":" + HexFormat.of().formatHex(root);
        synchronized (verifiedRoots) {
            if (verifiedRoots.get(verified) != null) {
                return;
            }
        }
        if (!SigningKeys.verify(key, EnvelopeSigner.batchMessage(root), signatureBytes)) {
            throw refused(envelope, "its signature does not verify: it was altered or forged after the command service signed it");
        }
        synchronized (verifiedRoots) {
            verifiedRoots.put(verified, Boolean.TRUE);
        }
    }

    private static UnauthenticatedEventException refused(EventEnvelope envelope, String why) {
        return new UnauthenticatedEventException("Envelope of event " + envelope.eventId() + " (" + envelope.type() + " of "
                + envelope.aggregateId() + ") refused: " + why);
    }
}
