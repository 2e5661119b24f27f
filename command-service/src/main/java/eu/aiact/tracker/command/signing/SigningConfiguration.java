package eu.aiact.tracker.command.signing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.signing.SigningKey;

/** The signing key from {@link SigningProperties}; without one the service does not start, naming the properties. */
@Configuration
public class SigningConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningConfiguration.class);

    @Bean
    SigningKey signingKey(SigningProperties properties) {
        if (blank(properties.privateKey()) || blank(properties.publicKey())) {
            throw new IllegalStateException("tracker.signing.private-key and tracker.signing.public-key must be set "
                    + "(TRACKER_SIGNING_PRIVATEKEY, TRACKER_SIGNING_PUBLICKEY): the Ed25519 key pair that signs the log's checkpoints and "
                    + "the published event envelopes, Base64 DER or PEM; make one with java -jar audit-tool-exec.jar keygen");
        }
        try {
            SigningKey key = SigningKey.of(properties.privateKey(), properties.publicKey());
            log.info("Signing checkpoints and event envelopes with Ed25519 key {}", key.keyId());
            return key;
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("tracker.signing.private-key / public-key: " + e.getMessage(), e);
        }
    }

    @Bean
    EnvelopeSigner envelopeSigner(SigningKey key) {
        return new EnvelopeSigner(key);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
