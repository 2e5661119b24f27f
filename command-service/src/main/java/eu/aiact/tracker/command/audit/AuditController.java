package eu.aiact.tracker.command.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import eu.aiact.tracker.api.audit.ChainBreak;
import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.ChainVerifier;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.command.log.LogStore;
import eu.aiact.tracker.command.log.Sequencer;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tamper evidence for auditors: recompute the event store's hash chain and Merkle tree against the signed checkpoints and report the first
 * break, or export the chain with every event as JSON Lines, which the offline audit tool ({@code audit-tool}) verifies without access to
 * the database. Checkpoints and proofs: {@link TransparencyLogController}.
 */
@RestController
@RequestMapping("/api/audit/chain")
public class AuditController {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EventChainRepository chain;
    private final LogStore log;
    private final Sequencer sequencer;
    private final SigningKey key;
    private final JsonMapper json;

    public AuditController(EventChainRepository chain, LogStore log, Sequencer sequencer, SigningKey key, JsonMapper json) {
        this.chain = chain;
        this.log = log;
        this.sequencer = sequencer;
        this.key = key;
        this.json = json;
    }

    /**
     * Recomputes the log from the event store: the hash chain link by link, the Merkle tree leaf by leaf, and at the size of every stored
     * checkpoint (and of the one this process signed last, also if its row is gone) the signed root and chain hash. Committed events the
     * sequencer has not integrated yet are counted as pending, not as a break.
     */
    @GetMapping("/verify")
    public ChainVerification verify() {
        Optional<Checkpoint> remembered = sequencer.lastSigned(); // before the snapshot: its events are in it
        return chain.inSnapshot(() -> {
            ChainVerifier verifier = new ChainVerifier(new StoredCheckpoints(log, remembered), key.publicKey(), false);
            long[] integratedUpTo = {0};
            chain.forEachLink(link -> {
                integratedUpTo[0] = Math.max(integratedUpTo[0], link.globalIndex());
                verifier.next(link.position(), link.eventIdentifier(), link.event(), link.previousHash(), link.hash(), link.leafHash());
            });
            List<String> unchained = chain.unchainedEvents(integratedUpTo[0], 1);
            if (!unchained.isEmpty()) {
                verifier.broken(new ChainBreak(0, unchained.get(0),
                        "the event store holds an event that no link of the chain covers, before the last integrated one"));
            }
            return verifier.result(log.pendingAfter(integratedUpTo[0]));
        });
    }

    /** Every link with its event, one JSON object per line, in chain order; streamed. */
    @GetMapping("/export")
    public ResponseEntity<StreamingResponseBody> export() {
        Caller.current().requireAll(Capability.AUDIT);
        StreamingResponseBody body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            chain.forEachLink(link -> {
                try {
                    writer.write(json.writeValueAsString(line(link)));
                    writer.write('\n');
                } catch (java.io.IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            writer.flush();
        };
        return ResponseEntity.ok().contentType(NDJSON)
                .header("Content-Disposition", "attachment; filename=\"event-chain.jsonl\"").body(body);
    }

    static Map<String, Object> line(ChainLink link) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("position", link.position());
        line.put("globalIndex", link.globalIndex());
        line.put("eventIdentifier", link.eventIdentifier());
        line.put("previousHash", EventChain.hex(link.previousHash()));
        line.put("hash", EventChain.hex(link.hash()));
        if (link.event() != null) {
            line.put("aggregateIdentifier", link.event().aggregateIdentifier());
            line.put("sequenceNumber", link.event().sequenceNumber());
            line.put("type", link.event().type());
            line.put("timestamp", link.event().timestamp());
            line.put("payloadType", link.event().payloadType());
            line.put("payloadRevision", link.event().payloadRevision());
            line.put("payload", Base64.getEncoder().encodeToString(link.event().payload()));
            line.put("metadata", link.event().metadata() == null ? null : Base64.getEncoder().encodeToString(link.event().metadata()));
        }
        return line;
    }
}
