package eu.aiact.tracker.command.audit;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import eu.aiact.tracker.api.audit.ChainBreak;
import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.ChainVerifier;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tamper evidence for auditors: recompute the event store's hash chain and report the first break, or export the chain with every
 * event as JSON Lines, which the offline audit tool ({@code audit-tool}) verifies without access to the database.
 */
@RestController
@RequestMapping("/api/audit/chain")
public class AuditController {

    public static final MediaType NDJSON = MediaType.parseMediaType("application/x-ndjson");

    private final EventChainRepository chain;
    private final JsonMapper json;

    public AuditController(EventChainRepository chain, JsonMapper json) {
        this.chain = chain;
        this.json = json;
    }

    @GetMapping("/verify")
    public ChainVerification verify() {
        ChainVerifier verifier = new ChainVerifier();
        chain.forEachLink(link -> verifier.next(link.position(), link.eventIdentifier(), link.event(), link.previousHash(), link.hash()));
        List<String> unchained = chain.unchainedEvents(1);
        if (!unchained.isEmpty()) {
            verifier.broken(new ChainBreak(0, unchained.get(0), "the event store holds an event that no link of the chain covers"));
        }
        return verifier.result();
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

    private static Map<String, Object> line(ChainLink link) {
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
