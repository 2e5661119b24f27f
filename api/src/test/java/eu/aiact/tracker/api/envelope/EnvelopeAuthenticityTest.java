package eu.aiact.tracker.api.envelope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Envelopes signed by batch as the publisher signs them, verified one by one as consumers read them; forged and altered ones refused. */
class EnvelopeAuthenticityTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SigningKey key = new SigningKey(SigningKeys.generate());
    private final EnvelopeSigner signer = new EnvelopeSigner(key);
    private final EnvelopeCodec codec = new EnvelopeCodec(json,
            EnvelopeAuthenticity.fromConfiguration(List.of(SigningKeys.encode(key.publicKey())), false));

    @Test
    void everyEnvelopeOfASignedBatchVerifiesAlone() {
        List<EventEnvelope> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(envelope("e-" + i, "Naam " + i));
        }
        List<EventEnvelope> signed = signer.sign(batch);
        assertThat(signed).extracting(e -> e.signature().value()).containsOnly(signed.get(0).signature().value());
        assertThat(signed).extracting(e -> e.signature().batchIndex()).containsExactly(0, 1, 2, 3, 4, 5, 6);
        for (EventEnvelope envelope : signed) {
            EventEnvelope read = codec.read(json.writeValueAsString(envelope));
            assertThat(read.eventId()).isEqualTo(envelope.eventId());
            assertThat(codec.payload(read)).isPresent();
        }
    }

    @Test
    void theSignatureSurvivesOtherSpacingMemberOrderAndNumberSpelling() {
        EventEnvelope original = envelope("e-1", "Zoë \"quoted\" \\ \u0001 €");
        ((ObjectNode) original.payload()).put("count", 2).put("ratio", 0.5);
        EventEnvelope signed = signer.sign(original);
        ObjectNode tree = (ObjectNode) json.valueToTree(signed);
        ObjectNode payload = (ObjectNode) tree.get("payload");
        ObjectNode reordered = json.createObjectNode();
        List<String> names = new ArrayList<>(payload.propertyNames());
        java.util.Collections.reverse(names);
        names.forEach(name -> reordered.set(name, payload.get(name)));
        tree.set("payload", reordered);
        String text = json.writerWithDefaultPrettyPrinter().writeValueAsString(tree);
        assertThat(text).contains("\"count\" : 2,").contains("\"ratio\" : 0.5");
        String respelled = text.replace("\"count\" : 2,", "\"count\" : 2.0,").replace("\"ratio\" : 0.5", "\"ratio\" : 0.50");
        assertThat(codec.read(respelled).eventId()).isEqualTo("e-1");
        assertThat(codec.read(json.writeValueAsString(signed)).payload().get("name").asString()).isEqualTo("Zoë \"quoted\" \\ \u0001 €");
    }

    @Test
    void anAlteredEnvelopeIsRefusedWithTheReason() {
        EventEnvelope signed = signer.sign(List.of(envelope("e-1", "Echt"), envelope("e-2", "Ook echt"))).get(1);
        ObjectNode tree = (ObjectNode) json.valueToTree(signed);
        ((ObjectNode) tree.get("payload")).put("name", "Vervalst");
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(tree))).isInstanceOf(UnauthenticatedEventException.class)
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("e-2").hasMessageContaining("altered or forged");

        ObjectNode metadata = (ObjectNode) json.valueToTree(signed);
        ((ObjectNode) metadata.get("metadata")).put("actor", "mallory");
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(metadata))).hasMessageContaining("altered or forged");

        ObjectNode moved = (ObjectNode) json.valueToTree(signed);
        moved.put("sequenceNumber", 5);
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(moved))).hasMessageContaining("altered or forged");

        ObjectNode otherPlace = (ObjectNode) json.valueToTree(signed);
        ((ObjectNode) otherPlace.get("signature")).put("batchIndex", 0);
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(otherPlace))).hasMessageContaining("altered or forged");

        ObjectNode badPath = (ObjectNode) json.valueToTree(signed);
        ((ObjectNode) badPath.get("signature")).putArray("path").add("zz");
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(badPath))).hasMessageContaining("malformed");
    }

    @Test
    void aForgerWithAKeyOfItsOwnIsRefused() {
        EventEnvelope forged = new EnvelopeSigner(new SigningKey(SigningKeys.generate())).sign(envelope("e-9", "Nep"));
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(forged))).isInstanceOf(UnauthenticatedEventException.class)
                .hasMessageContaining("does not trust");
        // nor can it lend itself the trusted key's id
        EventEnvelope borrowed = forged.withSignature(new EnvelopeSignature(key.keyId(), 1, 0, List.of(), forged.signature().value()));
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(borrowed))).hasMessageContaining("altered or forged");
    }

    @Test
    void unsignedEnvelopesAreRefusedUnlessExplicitlyAccepted() {
        String unsigned = json.writeValueAsString(envelope("e-0", "Oud"));
        assertThatThrownBy(() -> codec.read(unsigned)).isInstanceOf(UnauthenticatedEventException.class)
                .hasMessageContaining("not signed").hasMessageContaining("tracker.envelopes.accept-unsigned");
        EnvelopeCodec lenient = new EnvelopeCodec(json,
                EnvelopeAuthenticity.fromConfiguration(List.of(SigningKeys.encode(key.publicKey())), true));
        assertThat(lenient.read(unsigned).eventId()).isEqualTo("e-0");
        // accepting unsigned envelopes does not make a forged signature acceptable
        EventEnvelope forged = new EnvelopeSigner(new SigningKey(SigningKeys.generate())).sign(envelope("e-9", "Nep"));
        assertThatThrownBy(() -> lenient.read(json.writeValueAsString(forged))).isInstanceOf(UnauthenticatedEventException.class);
    }

    @Test
    void aConsumerWithoutAKeyDoesNotStart() {
        assertThatThrownBy(() -> EnvelopeAuthenticity.fromConfiguration(List.of(), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tracker.envelopes.public-keys");
        assertThatThrownBy(() -> EnvelopeAuthenticity.fromConfiguration(List.of("not a key"), true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tracker.envelopes.public-keys");
    }

    /** A history's stored payload text reads as the same event as the envelope's tree (a rebuild's fold reads the text). */
    @Test
    void aStoredPayloadTextReadsAsTheSameEventAsTheEnvelope() {
        EventEnvelope envelope = envelope("e-1", "Zoë \"quoted\" €");
        String text = json.writeValueAsString(envelope.payload());
        assertThat(codec.payload("e-1", "AiSystemRegistered", text)).isPresent().isEqualTo(codec.payload(envelope));
        assertThat(codec.payload("e-1", "SomethingNew", text)).as("a type this code does not know").isEmpty();
        assertThatThrownBy(() -> codec.payload("e-2", "AiSystemRegistered", "{\"systemId\": [1]}"))
                .isInstanceOf(MalformedEventException.class).hasMessageContaining("Payload of e-2 is not a valid AiSystemRegistered");
    }

    private EventEnvelope envelope(String id, String name) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("actor", "registrar");
        metadata.put("organisation", "Gemeente Utrecht");
        ObjectNode payload = json.createObjectNode();
        payload.put("systemId", "s-" + id);
        payload.put("organisation", "Gemeente Utrecht");
        payload.put("name", name);
        payload.put("initialPhase", "IN_USE");
        payload.putNull("supplier");
        return new EventEnvelope(id, "s-" + id, 0, 41, "AiSystemRegistered", Instant.parse("2026-12-01T09:00:00.123456789Z"), metadata,
                payload);
    }
}
