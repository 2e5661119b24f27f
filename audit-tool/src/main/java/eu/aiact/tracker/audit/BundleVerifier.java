package eu.aiact.tracker.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.Base64;

import eu.aiact.tracker.api.audit.ChainBreak;
import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.ChainVerifier;
import eu.aiact.tracker.api.audit.ChainedEvent;
import eu.aiact.tracker.api.audit.EventChain;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies an event chain exported by the command service ({@code GET /api/audit/chain/export}, JSON Lines): recomputes every hash from
 * the exported event content, from the genesis hash, and reports the first break. Needs nothing but the file.
 */
public final class BundleVerifier {

    private final JsonMapper json = JsonMapper.builder().build();

    public ChainVerification verify(BufferedReader bundle) throws IOException {
        ChainVerifier verifier = new ChainVerifier();
        String line;
        long lineNumber = 0;
        while ((line = bundle.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode link;
            try {
                link = json.readTree(line);
                if (!verifier.next(link.required("position").asLong(), link.path("eventIdentifier").asString(null), event(link),
                        EventChain.unhex(link.required("previousHash").asString()), EventChain.unhex(link.required("hash").asString()))) {
                    break;
                }
            } catch (JacksonException | IllegalArgumentException e) {
                verifier.broken(new ChainBreak(lineNumber, null, "line " + lineNumber + " is not a valid chain link: " + e.getMessage()));
                break;
            }
        }
        return verifier.result();
    }

    private static ChainedEvent event(JsonNode link) {
        if (!link.has("payload")) {
            return null;
        }
        return new ChainedEvent(link.path("eventIdentifier").asString(null), link.path("aggregateIdentifier").asString(null),
                link.required("sequenceNumber").asLong(), link.path("type").asString(null), link.path("timestamp").asString(null),
                link.path("payloadType").asString(null), link.path("payloadRevision").asString(null), bytes(link.get("payload")),
                bytes(link.get("metadata")));
    }

    private static byte[] bytes(JsonNode value) {
        return value == null || value.isNull() ? null : Base64.getDecoder().decode(value.asString());
    }
}
