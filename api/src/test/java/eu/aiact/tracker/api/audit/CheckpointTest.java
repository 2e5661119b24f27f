package eu.aiact.tracker.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;

class CheckpointTest {

    private final SigningKey key = new SigningKey(SigningKeys.generate());

    @Test
    void aSignedCheckpointVerifiesWithItsKeyOnly() {
        Checkpoint checkpoint = Checkpoint.sign("test-log", 8, MerkleTree.emptyRoot(), EventChain.genesis(),
                Instant.parse("2026-12-01T10:15:30.123456Z"), key);
        assertThat(checkpoint.issuedAt()).isEqualTo(Instant.parse("2026-12-01T10:15:30.123Z"));
        assertThat(checkpoint.body()).isEqualTo("aiact-tracker checkpoint v1\ntest-log\n8\n"
                + "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n" + "0".repeat(64) + "\n2026-12-01T10:15:30.123Z\n");
        assertThat(checkpoint.keyId()).isEqualTo(key.keyId()).hasSize(16);
        assertThat(checkpoint.signedBy(key.publicKey())).isTrue();
        assertThat(checkpoint.signedBy(new SigningKey(SigningKeys.generate()).publicKey())).as("another key").isFalse();
    }

    @Test
    void anyChangedFieldBreaksTheSignature() {
        Checkpoint c = Checkpoint.sign("test-log", 8, MerkleTree.emptyRoot(), EventChain.genesis(), Instant.now(), key);
        assertThat(new Checkpoint(c.origin(), 9, c.rootHash(), c.chainHash(), c.issuedAt(), c.keyId(), c.signature())
                .signedBy(key.publicKey())).isFalse();
        assertThat(new Checkpoint(c.origin(), 8, "00" + c.rootHash().substring(2), c.chainHash(), c.issuedAt(), c.keyId(), c.signature())
                .signedBy(key.publicKey())).isFalse();
        assertThat(new Checkpoint("other", 8, c.rootHash(), c.chainHash(), c.issuedAt(), c.keyId(), c.signature())
                .signedBy(key.publicKey())).isFalse();
        assertThat(new Checkpoint(c.origin(), 8, c.rootHash(), c.chainHash(), c.issuedAt().plusMillis(1), c.keyId(), c.signature())
                .signedBy(key.publicKey())).isFalse();
        assertThat(new Checkpoint(c.origin(), 8, c.rootHash(), c.chainHash(), c.issuedAt(), c.keyId(), "not base64!")
                .signedBy(key.publicKey())).isFalse();
    }

    @Test
    void keysReadFromBase64DerAndPem() {
        var pair = SigningKeys.generate();
        SigningKey fromText = SigningKey.of(SigningKeys.encode(pair.getPrivate()), SigningKeys.pem(pair.getPublic()));
        assertThat(fromText.keyId()).isEqualTo(SigningKeys.keyId(pair.getPublic()));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigningKey.of(SigningKeys.encode(pair.getPrivate()),
                SigningKeys.encode(SigningKeys.generate().getPublic()))).hasMessageContaining("does not belong");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SigningKeys.publicKey("bm90IGEga2V5"))
                .hasMessageContaining("not an Ed25519 public key");
    }
}
