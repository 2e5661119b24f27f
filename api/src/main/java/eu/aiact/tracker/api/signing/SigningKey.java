package eu.aiact.tracker.api.signing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;

/**
 * The command service's Ed25519 key pair: it signs the log's checkpoints and the event envelopes it publishes. The key lives in the
 * service's configuration, never in its database, so that whoever can write the database cannot sign.
 */
public final class SigningKey {

    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final String keyId;

    public SigningKey(KeyPair pair) {
        this(pair.getPrivate(), pair.getPublic());
    }

    /** @throws IllegalArgumentException when the two keys are not one pair */
    public SigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.keyId = SigningKeys.keyId(publicKey);
        byte[] probe = "aiact-tracker signing key probe".getBytes(StandardCharsets.US_ASCII);
        if (!SigningKeys.verify(publicKey, probe, SigningKeys.sign(privateKey, probe))) {
            throw new IllegalArgumentException("the public key does not belong to the private key");
        }
    }

    /** From configuration text (Base64 DER or PEM), see {@link SigningKeys}. */
    public static SigningKey of(String privateKey, String publicKey) {
        return new SigningKey(SigningKeys.privateKey(privateKey), SigningKeys.publicKey(publicKey));
    }

    public byte[] sign(byte[] message) {
        return SigningKeys.sign(privateKey, message);
    }

    public PublicKey publicKey() {
        return publicKey;
    }

    public String keyId() {
        return keyId;
    }
}
