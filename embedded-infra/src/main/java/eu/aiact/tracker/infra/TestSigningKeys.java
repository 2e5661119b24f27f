package eu.aiact.tracker.infra;

import java.security.KeyPair;
import java.util.LinkedHashMap;
import java.util.Map;

import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service's signing key in tests: one Ed25519 key pair generated per test JVM (never a key written down anywhere). The
 * command service under test signs with it, the consumers under test trust it ({@link #springProperties()}, part of
 * {@link TestInfrastructure#springProperties}), and tests that play the command service's publisher sign envelopes with it
 * ({@link #sign(String)}, {@link TestEvents#send}).
 */
public final class TestSigningKeys {

    private static final KeyPair PAIR = SigningKeys.generate();
    private static final SigningKey KEY = new SigningKey(PAIR);
    private static final EnvelopeSigner SIGNER = new EnvelopeSigner(KEY);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TestSigningKeys() {
    }

    public static SigningKey key() {
        return KEY;
    }

    public static String privateKey() {
        return SigningKeys.encode(PAIR.getPrivate());
    }

    public static String publicKey() {
        return SigningKeys.encode(KEY.publicKey());
    }

    /** The command service's key pair ({@code tracker.signing.*}) and the consumers' trusted key ({@code tracker.envelopes.public-keys}). */
    public static Map<String, String> springProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("tracker.signing.private-key", privateKey());
        properties.put("tracker.signing.public-key", publicKey());
        properties.put("tracker.envelopes.public-keys", publicKey());
        return properties;
    }

    public static EventEnvelope sign(EventEnvelope envelope) {
        return SIGNER.sign(envelope);
    }

    /**
     * The text of an event envelope, signed as the command service's publisher signs it; any other text (not JSON, not an envelope, or
     * already signed) as it is.
     */
    public static String sign(String text) {
        return sign(text, SIGNER);
    }

    /** As {@link #sign(String)}, with another signer (e.g. a local stack's own key, {@code LocalStack.envelopeSigner()}). */
    public static String sign(String text, EnvelopeSigner signer) {
        try {
            JsonNode tree = JSON.readTree(text);
            if (tree == null || !tree.isObject() || !tree.has("eventId") || !tree.has("payload")
                    || (tree.has("signature") && !tree.get("signature").isNull())) {
                return text;
            }
            return JSON.writeValueAsString(signer.sign(JSON.treeToValue(tree, EventEnvelope.class)));
        } catch (JacksonException | IllegalArgumentException notAnEnvelope) {
            return text;
        }
    }
}
