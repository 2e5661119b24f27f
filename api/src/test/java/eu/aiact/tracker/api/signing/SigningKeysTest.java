package eu.aiact.tracker.api.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.HexFormat;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The tracker's Ed25519 signatures: RFC 8032's, the same the JDK's provider makes and accepts, and nothing malformed verifies. */
class SigningKeysTest {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 8032, section 7.1, TEST 1 and TEST 3. */
    @Test
    void theRfcTestVectorsAreSignedAndVerifiedAsTheRfcGivesThem() throws Exception {
        vector("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
        vector("c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7", "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a");
    }

    private static void vector(String secret, String message, String expected) throws Exception {
        PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, HEX.parseHex(secret)));
        byte[] signature = SigningKeys.sign(key, HEX.parseHex(message));
        assertThat(HEX.formatHex(signature)).isEqualTo(expected);
    }

    @Test
    void signaturesAreTheJdkProvidersAndEachVerifiesTheOthers() throws Exception {
        KeyPair pair = SigningKeys.generate();
        Random random = new Random(8032);
        for (int size : new int[] {0, 1, 32, 64, 1000}) {
            byte[] message = new byte[size];
            random.nextBytes(message);
            byte[] ours = SigningKeys.sign(pair.getPrivate(), message);
            Signature jdk = Signature.getInstance("Ed25519");
            jdk.initSign(pair.getPrivate());
            jdk.update(message);
            byte[] theirs = jdk.sign();
            assertThat(ours).isEqualTo(theirs);
            jdk.initVerify(pair.getPublic());
            jdk.update(message);
            assertThat(jdk.verify(ours)).isTrue();
            assertThat(SigningKeys.verify(pair.getPublic(), message, theirs)).isTrue();
        }
    }

    @Test
    void anAlteredMessageOrSignatureAnotherKeyOrAMalformedSignatureDoesNotVerify() {
        KeyPair pair = SigningKeys.generate();
        byte[] message = "checkpoint 42".getBytes(StandardCharsets.UTF_8);
        byte[] signature = SigningKeys.sign(pair.getPrivate(), message);
        assertThat(SigningKeys.verify(pair.getPublic(), message, signature)).isTrue();

        byte[] otherMessage = "checkpoint 43".getBytes(StandardCharsets.UTF_8);
        assertThat(SigningKeys.verify(pair.getPublic(), otherMessage, signature)).isFalse();
        for (int bit : new int[] {0, 255, 256, 511}) {
            byte[] flipped = signature.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThat(SigningKeys.verify(pair.getPublic(), message, flipped)).as("bit %d flipped", bit).isFalse();
        }
        assertThat(SigningKeys.verify(SigningKeys.generate().getPublic(), message, signature)).isFalse();
        assertThat(SigningKeys.verify(pair.getPublic(), message, new byte[0])).isFalse();
        assertThat(SigningKeys.verify(pair.getPublic(), message, java.util.Arrays.copyOf(signature, 63))).isFalse();
        assertThat(SigningKeys.verify(pair.getPublic(), message, java.util.Arrays.copyOf(signature, 65))).isFalse();
        assertThat(SigningKeys.verify(pair.getPublic(), message, null)).isFalse();
        assertThat(SigningKeys.verify(null, message, signature)).isFalse();
    }
}
