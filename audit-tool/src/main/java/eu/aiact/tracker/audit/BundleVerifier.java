package eu.aiact.tracker.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

import eu.aiact.tracker.api.audit.ChainBreak;
import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.ChainVerifier;
import eu.aiact.tracker.api.audit.ChainedEvent;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Verifies a log exported by the command service ({@code GET /api/audit/chain/export}, JSON Lines): recomputes every hash of the chain
 * from the exported event content, from the genesis hash, and the Merkle tree over the events, checks every checkpoint given against it,
 * and reports the first break. Needs nothing but the file (and the key the checkpoints were signed with).
 */
public final class BundleVerifier {

    private final JsonMapper json = JsonMapper.builder().build();

    /** What a verification found, with the leaves and event ids in log order when they were kept. */
    public record Result(ChainVerification verification, List<byte[]> leaves, List<String> eventIds, List<ChainedEvent> events) {
    }

    public ChainVerification verify(BufferedReader bundle) throws IOException {
        return verify(bundle, List.of(), null, false).verification();
    }

    public Result verify(BufferedReader bundle, Collection<Checkpoint> checkpoints, PublicKey key, boolean keep) throws IOException {
        ChainVerifier verifier = new ChainVerifier(checkpoints, key, keep);
        List<String> ids = keep ? new ArrayList<>() : null;
        List<ChainedEvent> events = keep ? new ArrayList<>() : null;
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
                ChainedEvent event = event(link);
                if (!verifier.next(link.required("position").asLong(), link.path("eventIdentifier").asString(null), event,
                        EventChain.unhex(link.required("previousHash").asString()), EventChain.unhex(link.required("hash").asString()))) {
                    break;
                }
                if (keep) {
                    ids.add(link.path("eventIdentifier").asString(null));
                    events.add(event);
                }
            } catch (JacksonException | IllegalArgumentException e) {
                verifier.broken(new ChainBreak(lineNumber, null, "line " + lineNumber + " is not a valid chain link: " + e.getMessage()));
                break;
            }
        }
        ChainVerification result = verifier.result();
        return new Result(result, keep ? verifier.leaves() : List.of(), keep ? ids : List.of(), keep ? events : List.of());
    }

    /** The event of an export line (also the {@code event} of an inclusion proof), or null when the line holds none. */
    static ChainedEvent event(JsonNode link) {
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
