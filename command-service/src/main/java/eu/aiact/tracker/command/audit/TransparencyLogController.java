package eu.aiact.tracker.command.audit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.audit.MerkleTree;
import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;
import eu.aiact.tracker.command.log.LogStore;
import eu.aiact.tracker.web.FieldProblems;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a transparency log serves its auditors: the public key, the signed checkpoints (latest, by size, a list; each also a file to
 * keep), and O(log n) proofs against them: consistency (an older checkpoint's tree is a prefix of a newer one's) and inclusion (an event
 * is in a checkpoint's tree, with the event itself so that its leaf can be recomputed). The audit tool checks them offline.
 */
@RestController
@RequestMapping("/api/audit")
public class TransparencyLogController {

    private final LogStore log;
    private final EventChainRepository chain;
    private final SigningKey key;
    private final JsonMapper json;

    public TransparencyLogController(LogStore log, EventChainRepository chain, SigningKey key, JsonMapper json) {
        this.log = log;
        this.chain = chain;
        this.key = key;
        this.json = json;
    }

    /** The key checkpoints and envelopes are signed with (compare it with the one the operator published). */
    @GetMapping("/key")
    public Map<String, String> key() {
        Map<String, String> answer = new LinkedHashMap<>();
        answer.put("algorithm", SigningKeys.ALGORITHM);
        answer.put("keyId", key.keyId());
        answer.put("publicKey", SigningKeys.encode(key.publicKey()));
        answer.put("pem", SigningKeys.pem(key.publicKey()));
        return answer;
    }

    @GetMapping("/checkpoints/latest")
    public ResponseEntity<Checkpoint> latest() {
        return file(log.latestCheckpoint().orElseThrow(() -> notFound("No checkpoint is signed yet: the log is empty, or its first "
                + "checkpoint comes within tracker.log.checkpoint-interval")));
    }

    @GetMapping("/checkpoints/{treeSize}")
    public ResponseEntity<Checkpoint> bySize(@PathVariable long treeSize) {
        return file(log.checkpoint(treeSize).orElseThrow(() -> notFound("No checkpoint of size " + treeSize
                + " was signed (GET /api/audit/checkpoints lists them)")));
    }

    /** Checkpoints of sizes above {@code after}, smallest first. */
    @GetMapping("/checkpoints")
    public List<Checkpoint> list(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw invalid("limit", "must be between 1 and 1000");
        }
        return log.checkpoints(after, limit);
    }

    /** RFC 9162 PROOF(from, D[to]); {@code to} defaults to the latest checkpoint's size. */
    @GetMapping("/proofs/consistency")
    public Map<String, Object> consistency(@RequestParam long from, @RequestParam(required = false) Long to) {
        long size = to != null ? to : latestSize();
        long treeSize = log.treeSize();
        if (size > treeSize) {
            throw invalid("to", "the log holds " + treeSize + " integrated events, so at most " + treeSize);
        }
        if (from < 0 || from > size) {
            throw invalid("from", "must be between 0 and " + size);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("fromSize", from);
        answer.put("toSize", size);
        answer.put("proof", hex(log.withTree(nodes -> MerkleTree.consistencyProof(from, size, nodes))));
        return answer;
    }

    /**
     * RFC 9162 PATH of an event in the tree of {@code treeSize} events (default: the latest checkpoint's size), with the event as the
     * export holds it. An event of an organisation needs an auditor of that organisation.
     */
    @GetMapping("/proofs/inclusion")
    public Map<String, Object> inclusion(@RequestParam String eventId, @RequestParam(required = false) Long treeSize) {
        ChainLink link = chain.linkOf(eventId).orElseThrow(() -> notFound("No event " + eventId + " in the log (unknown, or not "
                + "integrated yet: see pendingEvents in GET /api/audit/chain/verify)"));
        requireAuditorOf(link);
        long size = treeSize != null ? treeSize : latestSize();
        long integrated = log.treeSize();
        if (size > integrated) {
            throw invalid("treeSize", "the log holds " + integrated + " integrated events, so at most " + integrated);
        }
        if (link.position() > size) {
            throw invalid("treeSize", "event " + eventId + " is at position " + link.position() + ", after a tree of " + size
                    + " events; at least " + link.position());
        }
        long leaf = link.position() - 1;
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("eventIdentifier", eventId);
        answer.put("position", link.position());
        answer.put("leafIndex", leaf);
        answer.put("treeSize", size);
        answer.put("leafHash", link.leafHash() == null ? null : EventChain.hex(link.leafHash()));
        answer.put("proof", hex(log.withTree(nodes -> MerkleTree.inclusionProof(leaf, size, nodes))));
        answer.put("event", AuditController.line(link));
        return answer;
    }

    private void requireAuditorOf(ChainLink link) {
        String organisation = null;
        if (link.event() != null && link.event().metadata() != null) {
            try {
                organisation = json.readTree(link.event().metadata()).path("organisation").asString(null);
            } catch (RuntimeException unreadable) {
                organisation = null;
            }
        }
        if (organisation == null) {
            Caller.current().requireAll(Capability.AUDIT);
        } else {
            Caller.current().require(Capability.AUDIT, organisation);
        }
    }

    private long latestSize() {
        return log.latestCheckpoint().map(Checkpoint::treeSize).orElseThrow(() -> notFound("No checkpoint is signed yet"));
    }

    private static ResponseEntity<Checkpoint> file(Checkpoint checkpoint) {
        return ResponseEntity.ok().header("Content-Disposition", "inline; filename=\"checkpoint-" + checkpoint.treeSize() + ".json\"")
                .body(checkpoint);
    }

    private static List<String> hex(List<byte[]> hashes) {
        return hashes.stream().map(EventChain::hex).toList();
    }

    private static ErrorResponseException notFound(String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail);
        problem.setTitle("Not found");
        return new ErrorResponseException(HttpStatus.NOT_FOUND, problem, null);
    }

    private static ErrorResponseException invalid(String field, String message) {
        return new ErrorResponseException(HttpStatus.BAD_REQUEST, FieldProblems.invalid(List.of(FieldProblems.error(field, message))), null);
    }
}
