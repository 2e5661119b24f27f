package eu.aiact.tracker.command.signing;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The command service's Ed25519 key pair ({@code tracker.signing.*}), which signs the log's checkpoints and every envelope it publishes.
 * Configuration, never the database: whoever can write the event store must not be able to sign. Base64 of the DER bytes (PKCS#8 for
 * the private key, X.509 for the public key) or PEM; {@code java -jar audit-tool/target/audit-tool-exec.jar keygen} makes a pair.
 *
 * @param privateKey the private key ({@code TRACKER_SIGNING_PRIVATEKEY})
 * @param publicKey  its public key ({@code TRACKER_SIGNING_PUBLICKEY}): consumers ({@code tracker.envelopes.public-keys}) and auditors
 *                   are given the same
 */
@ConfigurationProperties("tracker.signing")
public record SigningProperties(String privateKey, String publicKey) {
}
