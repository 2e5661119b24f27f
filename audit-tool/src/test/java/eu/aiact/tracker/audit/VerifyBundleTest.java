package eu.aiact.tracker.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import eu.aiact.tracker.api.audit.ChainedEvent;
import eu.aiact.tracker.api.audit.EventChain;
import tools.jackson.databind.json.JsonMapper;

/** The offline verifier on bundles built here: an intact chain, an altered event, a removed link, a forged link, bad input. */
class VerifyBundleTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    Path directory;

    @Test
    void anIntactBundleVerifies() throws Exception {
        Result result = run(write(bundle(3)));
        assertThat(result.code).isZero();
        assertThat(result.out).startsWith("INTACT: 3 links verified; head hash ");
    }

    @Test
    void anEventChangedAfterItWasChainedIsTheFirstBreak() throws Exception {
        List<Map<String, Object>> links = bundle(4);
        links.get(2).put("payload", Base64.getEncoder().encodeToString("{\"riskClass\":\"MINIMAL\"}".getBytes(StandardCharsets.UTF_8)));
        Result result = run(write(links));
        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).contains("BROKEN at link 3 (event e-3)").contains("content was changed").contains("2 links verified");
    }

    @Test
    void aRemovedLinkIsFound() throws Exception {
        List<Map<String, Object>> links = bundle(4);
        links.remove(1);
        Result result = run(write(links));
        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).contains("BROKEN at link 3").contains("link 2 is missing");
    }

    @Test
    void aRecomputedHashThatDoesNotFollowThePreviousLinkIsFound() throws Exception {
        List<Map<String, Object>> links = bundle(3);
        // A forger who changes event 2 and recomputes its hash from a made-up previous hash still breaks the link.
        byte[] forgedPrevious = new byte[EventChain.HASH_LENGTH];
        forgedPrevious[0] = 1;
        ChainedEvent event = event(2);
        links.get(1).put("previousHash", EventChain.hex(forgedPrevious));
        links.get(1).put("hash", EventChain.hex(EventChain.hash(forgedPrevious, event)));
        Result result = run(write(links));
        assertThat(result.code).isEqualTo(1);
        assertThat(result.out).contains("BROKEN at link 2").contains("does not point to the hash of the link before");
    }

    @Test
    void badInputIsReportedNotThrown() throws Exception {
        Path file = directory.resolve("bad.jsonl");
        Files.writeString(file, "{not json\n");
        Result broken = run(file);
        assertThat(broken.code).isEqualTo(1);
        assertThat(broken.out).contains("line 1 is not a valid chain link");
        assertThat(run(directory.resolve("missing.jsonl")).code).isEqualTo(2);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(VerifyBundle.run(new String[0], new PrintStream(new ByteArrayOutputStream()), new PrintStream(err))).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage");
    }

    private List<Map<String, Object>> bundle(int size) {
        List<Map<String, Object>> links = new ArrayList<>();
        byte[] previous = EventChain.genesis();
        for (int i = 1; i <= size; i++) {
            ChainedEvent event = event(i);
            byte[] hash = EventChain.hash(previous, event);
            Map<String, Object> link = new LinkedHashMap<>();
            link.put("position", i);
            link.put("globalIndex", i);
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
            links.add(link);
            previous = hash;
        }
        return links;
    }

    private static ChainedEvent event(int i) {
        return new ChainedEvent("e-" + i, "system-1", i - 1, "AiSystem", "2026-11-0" + i + "T10:00:00Z", "RiskClassified", null,
                ("{\"riskClass\":\"HIGH\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8),
                "{\"actor\":\"auditor-test\"}".getBytes(StandardCharsets.UTF_8));
    }

    private Path write(List<Map<String, Object>> links) throws Exception {
        Path file = directory.resolve("bundle.jsonl");
        StringBuilder text = new StringBuilder();
        for (Map<String, Object> link : links) {
            text.append(json.writeValueAsString(link)).append('\n');
        }
        Files.writeString(file, text);
        return file;
    }

    private static Result run(Path file) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = VerifyBundle.run(new String[] {file.toString()}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    private record Result(int code, String out) {
    }
}
