package eu.aiact.tracker.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;

import eu.aiact.tracker.api.audit.ChainedEvent;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.audit.MerkleTree;
import tools.jackson.databind.JsonNode;

/**
 * {@code inclusion}: is an event in the tree of a checkpoint the auditor kept? Over HTTP the server gives the event and its inclusion
 * proof; the tool recomputes the event's leaf from its content and the root from the proof (O(log n) hashes). From an export it
 * recomputes the tree itself.
 */
final class InclusionCheck {

    private final PrintStream out;

    InclusionCheck(PrintStream out) {
        this.out = out;
    }

    int run(Options options) throws IOException, InterruptedException {
        options.requireKeyAndCheckpoints();
        if (options.event == null || options.checkpoints.size() != 1) {
            throw new Evidence.UsageException("inclusion needs --event and exactly one --checkpoint");
        }
        PublicKey key = Evidence.key(options.key);
        Checkpoint checkpoint = Evidence.checkpoints(options.checkpoints, key).get(0);
        return options.server != null ? fromServer(options, checkpoint) : fromExport(options, checkpoint);
    }

    private int fromServer(Options options, Checkpoint checkpoint) throws IOException, InterruptedException {
        JsonNode answer;
        try {
            answer = new LogServer(options.server, options.token).inclusionProof(options.event, checkpoint.treeSize());
        } catch (LogServer.Refused refused) {
            if (refused.status == 404 || refused.status == 400) {
                out.println("NOT INCLUDED: event " + options.event + " in the kept " + Evidence.describe(checkpoint) + ": "
                        + refused.getMessage());
                return 1;
            }
            throw refused;
        }
        ChainedEvent event = BundleVerifier.event(answer.required("event"));
        long index = answer.required("leafIndex").asLong();
        List<byte[]> proof = LogServer.hashes(answer.required("proof"));
        if (event == null || !options.event.equals(event.eventIdentifier())) {
            out.println("NOT INCLUDED: the server answered with another event than " + options.event);
            return 1;
        }
        byte[] leaf = MerkleTree.leafHash(EventChain.content(event));
        if (!MerkleTree.verifyInclusion(index, checkpoint.treeSize(), leaf, proof, checkpoint.root())) {
            out.println("NOT INCLUDED: the event the server holds as " + options.event + " at position " + (index + 1)
                    + ", with its proof, does not lead to the root of the kept " + Evidence.describe(checkpoint)
                    + ": the event or the log was changed after the checkpoint was signed");
            return 1;
        }
        out.println(included(event, index + 1, checkpoint, proof.size()));
        return 0;
    }

    private int fromExport(Options options, Checkpoint checkpoint) throws IOException {
        BundleVerifier.Result result;
        try (BufferedReader reader = Files.newBufferedReader(options.export, StandardCharsets.UTF_8)) {
            result = new BundleVerifier().verify(reader, List.of(checkpoint), Evidence.key(options.key), true);
        }
        if (!result.verification().intact()) {
            out.println("BROKEN at position " + result.verification().firstBreak().position() + ": "
                    + result.verification().firstBreak().problem());
            return 1;
        }
        int index = result.eventIds().indexOf(options.event);
        if (index < 0 || index >= checkpoint.treeSize()) {
            out.println("NOT INCLUDED: event " + options.event + " is not among the first " + checkpoint.treeSize() + " events of the export"
                    + (index >= 0 ? " (it is at position " + (index + 1) + ", after the checkpoint)" : ""));
            return 1;
        }
        List<byte[]> leaves = result.leaves().subList(0, (int) checkpoint.treeSize());
        List<byte[]> proof = MerkleTree.inclusionProof(index, checkpoint.treeSize(), MerkleTree.inMemory(leaves));
        if (!MerkleTree.verifyInclusion(index, checkpoint.treeSize(), leaves.get(index), proof, checkpoint.root())
                || !Arrays.equals(leaves.get(index), MerkleTree.leafHash(EventChain.content(result.events().get(index))))) {
            out.println("NOT INCLUDED: the proof of event " + options.event + " does not verify");
            return 1;
        }
        out.println(included(result.events().get(index), index + 1, checkpoint, proof.size()));
        return 0;
    }

    private static String included(ChainedEvent event, long position, Checkpoint checkpoint, int hashes) {
        return "INCLUDED: event " + event.eventIdentifier() + " (" + shortType(event.payloadType()) + " of " + event.aggregateIdentifier()
                + ", sequence " + event.sequenceNumber() + ") is at position " + position + " of the kept " + Evidence.describe(checkpoint)
                + "; proof of " + hashes + " hashes";
    }

    private static String shortType(String payloadType) {
        return payloadType == null ? "?" : payloadType.substring(payloadType.lastIndexOf('.') + 1);
    }
}
