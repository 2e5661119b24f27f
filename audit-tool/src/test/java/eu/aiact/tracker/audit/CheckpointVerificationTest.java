package eu.aiact.tracker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.aiact.tracker.api.audit.ChainedEvent;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.audit.MerkleTree;
import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit tool against checkpoints an auditor kept, on exports built here: a log that extends them, one rewritten the way someone with
 * database access could (an event changed and every hash after it recomputed), one with events removed, checkpoints of another key,
 * inclusion of an event, and the key pair it makes.
 */
class CheckpointVerificationTest {

    private final JsonMapper json = JsonMapper.builder().build();
    private final SigningKey key = new SigningKey(SigningKeys.generate());

    @TempDir
    Path directory;

    @Test
    void aLogThatGrewStillExtendsTheKeptCheckpoints() throws Exception {
        Path two = checkpoint(events(8), 2);
        Path five = checkpoint(events(8), 5);
        Result result = run("verify", "--key", keyFile(), "--checkpoint", five.toString(), "--checkpoint", two.toString(), export(events(8)));
        assertThat(result.code).as(result.out).isZero();
        assertThat(result.out).startsWith("CONSISTENT: the export (8 events, root ").contains("sizes 2, 5");
    }

    @Test
    void aRewriteWithEveryHashRecomputedIsCaughtFromACheckpointTakenBefore() throws Exception {
        List<ChainedEvent> original = events(8);
        Path kept = export(original, "kept.jsonl");
        Path two = checkpoint(original, 2);
        Path five = checkpoint(original, 5);
        List<ChainedEvent> rewritten = new ArrayList<>(original);
        rewritten.set(2, event(3, "MINIMAL"));
        String now = export(rewritten).toString();
        assertThat(run("chain", now).code).as("the rewritten chain is consistent in itself").isZero();

        Result alone = run("verify", "--key", keyFile(), "--checkpoint", five.toString(), now);
        assertThat(alone.code).isEqualTo(1);
        assertThat(alone.out).contains("BROKEN at position 1").contains("no longer extends the checkpoint of size 5")
                .contains("between positions 1 and 5");

        Result narrowed = run("verify", "--key", keyFile(), "--checkpoint", five.toString(), "--checkpoint", two.toString(), now);
        assertThat(narrowed.out).contains("BROKEN at position 3").contains("between positions 3 and 5 (the checkpoint of size 2 still holds)");

        Result exact = run("verify", "--key", keyFile(), "--checkpoint", five.toString(), "--kept", kept.toString(), now);
        assertThat(exact.code).isEqualTo(1);
        assertThat(exact.out).contains("first position that differs: 3 (event e-3 in the kept export");
    }

    @Test
    void removedEventsAreABreak() throws Exception {
        Path five = checkpoint(events(8), 5);
        Result result = run("verify", "--key", keyFile(), "--checkpoint", five.toString(), export(events(4)));
        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).contains("the log holds 4 events, but the checkpoint of size 5").contains("events were removed");
    }

    @Test
    void aCheckpointOfAnotherKeyIsNoEvidence() throws Exception {
        List<ChainedEvent> events = events(4);
        Checkpoint foreign = Checkpoint.sign("test", 4, MerkleTree.root(4, tree(events)), chainHash(events, 4), Instant.now(),
                new SigningKey(SigningKeys.generate()));
        Path file = directory.resolve("foreign.json");
        Files.writeString(file, json.writeValueAsString(foreign));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyBundle.run(new String[] {"verify", "--key", keyFile(), "--checkpoint", file.toString(), export(events).toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("is not signed by the key given");
    }

    @Test
    void anEventIsIncludedInACheckpointThatCoversIt() throws Exception {
        List<ChainedEvent> events = events(8);
        Path five = checkpoint(events, 5);
        String export = export(events).toString();
        Result included = run("inclusion", "--key", keyFile(), "--checkpoint", five.toString(), "--event", "e-4", export);
        assertThat(included.code).as(included.out).isZero();
        assertThat(included.out).startsWith("INCLUDED: event e-4 (RiskClassified of system-1, sequence 3) is at position 4 of the kept "
                + "checkpoint of size 5");
        Result after = run("inclusion", "--key", keyFile(), "--checkpoint", five.toString(), "--event", "e-7", export);
        assertThat(after.code).isEqualTo(1);
        assertThat(after.out).contains("NOT INCLUDED").contains("at position 7, after the checkpoint");
        List<ChainedEvent> rewritten = new ArrayList<>(events);
        rewritten.set(3, event(4, "MINIMAL"));
        Result changed = run("inclusion", "--key", keyFile(), "--checkpoint", five.toString(), "--event", "e-4",
                export(rewritten).toString());
        assertThat(changed.code).isEqualTo(1);
        assertThat(changed.out).contains("no longer extends the checkpoint of size 5");
    }

    @Test
    void keygenMakesAPairTheServiceAccepts() {
        Result result = run("keygen");
        assertThat(result.code).isZero();
        Map<String, String> values = new LinkedHashMap<>();
        result.out.lines().filter(line -> !line.startsWith("#")).forEach(line -> values.put(line.substring(0, line.indexOf('=')),
                line.substring(line.indexOf('=') + 1)));
        SigningKey pair = SigningKey.of(values.get("TRACKER_SIGNING_PRIVATEKEY"), values.get("TRACKER_SIGNING_PUBLICKEY"));
        assertThat(values.get("TRACKER_ENVELOPES_PUBLICKEYS")).isEqualTo(values.get("TRACKER_SIGNING_PUBLICKEY"));
        assertThat(pair.keyId()).hasSize(16);
    }

    // ------------------------------------------------------------------------------------------------------------------ fixtures

    private static List<ChainedEvent> events(int n) {
        List<ChainedEvent> events = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            events.add(event(i, "HIGH"));
        }
        return events;
    }

    private static ChainedEvent event(int i, String riskClass) {
        return new ChainedEvent("e-" + i, "system-1", i - 1, "AiSystem", "2026-11-0" + i + "T10:00:00Z",
                "eu.aiact.tracker.api.classification.RiskClassified", null,
                ("{\"riskClass\":\"" + riskClass + "\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"auditor-test\"}".getBytes(StandardCharsets.UTF_8));
    }

    private static MerkleTree.NodeSource tree(List<ChainedEvent> events) {
        return MerkleTree.inMemory(events.stream().map(e -> MerkleTree.leafHash(EventChain.content(e))).toList());
    }

    private static byte[] chainHash(List<ChainedEvent> events, int size) {
        byte[] previous = EventChain.genesis();
        for (ChainedEvent event : events.subList(0, size)) {
            previous = EventChain.hash(previous, event);
        }
        return previous;
    }

    private Path checkpoint(List<ChainedEvent> events, int size) throws Exception {
        Checkpoint checkpoint = Checkpoint.sign("test-log", size, MerkleTree.root(size, tree(events)), chainHash(events, size),
                Instant.parse("2026-12-01T10:00:00Z").plusSeconds(size), key);
        Path file = directory.resolve("checkpoint-" + size + ".json");
        Files.writeString(file, json.writeValueAsString(checkpoint));
        return file;
    }

    private String keyFile() throws Exception {
        Path file = directory.resolve("signing-key.pub");
        Files.writeString(file, SigningKeys.encode(key.publicKey()) + "\n");
        return file.toString();
    }

    private String export(List<ChainedEvent> events) throws Exception {
        return export(events, "export.jsonl").toString();
    }

    /** The export as the command service writes it, with the chain (re)computed over these events. */
    private Path export(List<ChainedEvent> events, String name) throws Exception {
        StringBuilder text = new StringBuilder();
        byte[] previous = EventChain.genesis();
        for (int i = 0; i < events.size(); i++) {
            ChainedEvent event = events.get(i);
            byte[] hash = EventChain.hash(previous, event);
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("position", i + 1);
            link.put("globalIndex", i + 1);
            link.put("eventIdentifier", event.eventIdentifier());
            link.put("previousHash", EventChain.hex(previous));
            link.put("hash", EventChain.hex(hash));
            link.put("aggregateIdentifier", event.aggregateIdentifier());
            link.put("sequenceNumber", event.sequenceNumber());
            link.put("type", event.type());
            link.put("timestamp", event.timestamp());
            link.put("payloadType", event.payloadType());
            link.put("payloadRevision", event.payloadRevision());
            link.put("payload", Base64.getEncoder().encodeToString(event.payload()));
            link.put("metadata", Base64.getEncoder().encodeToString(event.metadata()));
            text.append(json.writeValueAsString(link)).append('\n');
            previous = hash;
        }
        Path file = directory.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = VerifyBundle.run(args, new PrintStream(out), new PrintStream(err));
        return new Result(code, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out) {
    }
}
