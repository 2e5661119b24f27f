package eu.aiact.tracker.notifier.recipients;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Keeps webhook secrets encrypted in the database (AES-256-GCM, a fresh 96-bit nonce per value, the organisation as associated data so a
 * value cannot be moved to another organisation's row) with the key {@code tracker.notifier.secrets-key} (32 bytes, Base64). Stored form:
 * {@code v1:} + Base64(nonce || ciphertext || tag). Without a key, secrets are stored as given and a warning says so at start; values
 * stored before a key was set are read as they are and encrypted at their next save.
 */
@Component
public class WebhookSecrets {

    static final String PREFIX = "v1:";
    private static final Logger log = LoggerFactory.getLogger(WebhookSecrets.class);
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public WebhookSecrets(@Value("${tracker.notifier.secrets-key:}") String key) {
        if (key == null || key.isBlank()) {
            this.key = null;
            log.warn("tracker.notifier.secrets-key is not set: webhook secrets are stored in plain text. Set a 32-byte Base64 key.");
            return;
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(key.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("tracker.notifier.secrets-key must be 32 bytes in Base64 (openssl rand -base64 32)");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("tracker.notifier.secrets-key must be 32 bytes in Base64, not " + bytes.length + " bytes");
        }
        this.key = new SecretKeySpec(bytes, "AES");
    }

    /** The value to store for the organisation's secret (null stays null). */
    public String seal(String organisation, String secret) {
        if (secret == null || key == null) {
            return secret;
        }
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(organisation.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return PREFIX + Base64.getEncoder().encodeToString(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not encrypt a webhook secret", e);
        }
    }

    /** The secret from its stored value: decrypted, or as stored when it was stored in plain text. */
    public String open(String organisation, String stored) {
        if (stored == null || !stored.startsWith(PREFIX)) {
            return stored;
        }
        if (key == null) {
            throw new IllegalStateException("The webhook secret of an organisation is encrypted, but tracker.notifier.secrets-key is not set");
        }
        try {
            byte[] sealed = Base64.getDecoder().decode(stored.substring(PREFIX.length()));
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(organisation.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("A webhook secret could not be decrypted with tracker.notifier.secrets-key (another key, or the "
                    + "value was changed)", e);
        }
    }
}
