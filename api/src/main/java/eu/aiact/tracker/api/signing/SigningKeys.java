package eu.aiact.tracker.api.signing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 keys as the tracker configures them, read and made by the JDK's own provider; signatures are made and checked with Bouncy
 * Castle's RFC 8032 implementation, which gives the same (deterministic) signatures about ten times faster than the JDK 17 provider
 * (docs/performance.md, run AA: the envelopes' and checkpoints' signatures were a third of the consumers' CPU). A private key is
 * PKCS#8, a public key X.509 SubjectPublicKeyInfo, each given either as Base64 of the DER bytes on one line (what an environment variable holds) or as PEM. A key's
 * id is the first 8 bytes of the SHA-256 of its public key's DER, in hex: it names the key in signatures, so that a verifier holding
 * several keys (during a rotation) knows which one to use.
 */
public final class SigningKeys {

    public static final String ALGORITHM = "Ed25519";
    /** SubjectPublicKeyInfo of id-Ed25519 (1.3.101.112) up to the key's 32 bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 15+ runtime", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not an Ed25519 private key */
    public static PrivateKey privateKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (PKCS#8, Base64 DER or PEM): " + e.getMessage(), e);
        }
    }

    /** @throws IllegalArgumentException when the text is not an Ed25519 public key */
    public static PublicKey publicKey(String text) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY")));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (X.509, Base64 DER or PEM): " + e.getMessage(), e);
        }
    }

    /** Base64 of the DER encoding, on one line: the form the configuration takes. */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String pem(PublicKey key) {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    public static String keyId(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    public static byte[] sign(PrivateKey key, byte[] message) {
        byte[] raw = key instanceof EdECPrivateKey ed ? ed.getBytes().orElse(null) : null;
        if (raw == null || raw.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalStateException("cannot sign with Ed25519: not an Ed25519 private key");
        }
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(raw, 0, message, 0, message.length, signature, 0);
        return signature;
    }

    /** Whether the signature is the key's over the message; false for anything malformed (a wrong length, a key of another kind). */
    public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
        byte[] raw = rawPublicKey(key);
        if (raw == null || signatureBytes == null || signatureBytes.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        try {
            return Ed25519.verify(signatureBytes, 0, raw, 0, message, 0, message.length);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The 32 bytes of an Ed25519 public key: the end of its X.509 encoding, after the algorithm's fixed prefix (RFC 8410). */
    private static byte[] rawPublicKey(PublicKey key) {
        byte[] der = key == null ? null : key.getEncoded();
        if (der == null || der.length != X509_PREFIX.length + Ed25519.PUBLIC_KEY_SIZE
                || !Arrays.equals(der, 0, X509_PREFIX.length, X509_PREFIX, 0, X509_PREFIX.length)) {
            return null;
        }
        return Arrays.copyOfRange(der, X509_PREFIX.length, der.length);
    }

    private static byte[] der(String text, String pemLabel) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty");
        }
        String body = text.strip();
        if (body.startsWith("-----BEGIN")) {
            String begin = "-----BEGIN " + pemLabel + "-----";
            String end = "-----END " + pemLabel + "-----";
            int from = body.indexOf(begin);
            int to = body.indexOf(end);
            if (from < 0 || to < from) {
                throw new IllegalArgumentException("PEM without " + begin + " ... " + end);
            }
            body = body.substring(from + begin.length(), to);
        }
        return Base64.getMimeDecoder().decode(body.replaceAll("\\s+", ""));
    }
}
