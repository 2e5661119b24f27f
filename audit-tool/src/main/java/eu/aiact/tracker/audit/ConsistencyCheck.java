package eu.aiact.tracker.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.audit.Checkpoint;
import eu.aiact.tracker.api.audit.EventChain;
import eu.aiact.tracker.api.audit.MerkleTree;

/**
 * {@code verify}: does today's log still extend every checkpoint the auditor kept? From an export (every event recomputed) or from the
 * server's latest checkpoint and consistency proofs (O(log n) hashes each). A checkpoint it no longer extends is a break, reported with
 * the first position that differs: exactly when the auditor also kept the export of that time ({@code --kept}), else as the range
 * between the last kept checkpoint that still holds and the first that does not.
 */
final class ConsistencyCheck {

    private final PrintStream out;

    ConsistencyCheck(PrintStream out) {
        this.out = out;
    }

    int run(Options options) throws IOException, InterruptedException {
        options.requireKeyAndCheckpoints();
        PublicKey key = Evidence.key(options.key);
        List<Checkpoint> kept = Evidence.checkpoints(options.checkpoints, key);
        Kept keptLog = options.kept == null ? null : Kept.read(options.kept, kept);
        return options.export != null ? fromExport(options.export, kept, key, keptLog) : fromServer(options, kept, key, keptLog);
    }

    private int fromExport(Path export, List<Checkpoint> kept, PublicKey key, Kept keptLog) throws IOException {
        BundleVerifier.Result result;
        try (BufferedReader reader = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            result = new BundleVerifier().verify(reader, kept, key, keptLog != null);
        }
        ChainVerification verification = result.verification();
        if (verification.intact()) {
            out.println("CONSISTENT: the export (" + verification.treeSize() + " events, root " + verification.rootHash()
                    + ") extends every kept checkpoint: sizes " + sizes(kept));
            return 0;
        }
        out.println("BROKEN at position " + verification.firstBreak().position()
                + (verification.firstBreak().eventIdentifier() == null ? "" : " (event " + verification.firstBreak().eventIdentifier() + ")")
                + ": " + verification.firstBreak().problem());
        if (keptLog != null) {
            long first = keptLog.firstDifference(result.leaves());
            if (first > 0) {
                out.println("first position that differs: " + first + " (" + keptLog.describe(first)
                        + (first <= result.eventIds().size() ? "; now event " + result.eventIds().get((int) first - 1) : "; now missing") + ")");
            }
        }
        return 1;
    }

    private int fromServer(Options options, List<Checkpoint> kept, PublicKey key, Kept keptLog) throws IOException, InterruptedException {
        LogServer server = new LogServer(options.server, options.token);
        Checkpoint latest = server.latestCheckpoint();
        if (!latest.signedBy(key)) {
            out.println("BROKEN: the server's latest checkpoint (size " + latest.treeSize() + ", key " + latest.keyId()
                    + ") is not signed by the key given");
            return 1;
        }
        long held = 0;
        for (Checkpoint checkpoint : kept) {
            boolean consistent = checkpoint.treeSize() <= latest.treeSize() && MerkleTree.verifyConsistency(checkpoint.treeSize(),
                    latest.treeSize(), checkpoint.root(), latest.root(), server.consistencyProof(checkpoint.treeSize(), latest.treeSize()));
            if (consistent) {
                held = checkpoint.treeSize();
                continue;
            }
            out.println("BROKEN: the log no longer extends the kept " + Evidence.describe(checkpoint) + ": "
                    + (checkpoint.treeSize() > latest.treeSize() ? "its latest checkpoint covers only " + latest.treeSize() + " events"
                            : "the consistency proof to its latest " + Evidence.describe(latest) + " does not verify"));
            if (keptLog != null) {
                long first = keptLog.firstDifferenceFrom(server, latest, checkpoint.treeSize());
                out.println("first position that differs: " + first + " (" + keptLog.describe(first) + ")");
            } else {
                out.println("the first changed event lies between positions " + (held + 1) + " and " + checkpoint.treeSize()
                        + (held > 0 ? " (the kept checkpoint of size " + held + " still holds)" : "")
                        + "; keep the export of each checkpoint's time (--kept) to find the exact position");
            }
            return 1;
        }
        out.println("CONSISTENT: the log's latest " + Evidence.describe(latest) + " extends every kept checkpoint: sizes " + sizes(kept));
        if (options.saveLatest != null) {
            Files.writeString(options.saveLatest, Evidence.JSON.writeValueAsString(latest));
            out.println("kept the latest checkpoint in " + options.saveLatest);
        }
        return 0;
    }

    private static String sizes(List<Checkpoint> checkpoints) {
        return checkpoints.stream().map(c -> String.valueOf(c.treeSize())).collect(Collectors.joining(", "));
    }

    /** An export the auditor kept from the time of a checkpoint: the true leaves up to that checkpoint. */
    static final class Kept {
        private final List<byte[]> leaves;
        private final List<String> eventIds;
        private final MerkleTree.NodeSource tree;

        private Kept(List<byte[]> leaves, List<String> eventIds) {
            this.leaves = leaves;
            this.eventIds = eventIds;
            this.tree = MerkleTree.inMemory(leaves);
        }

        /** The kept export must itself be intact and hold the kept checkpoints it covers, or it proves nothing. */
        static Kept read(Path file, List<Checkpoint> checkpoints) throws IOException {
            BundleVerifier.Result result;
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                result = new BundleVerifier().verify(reader, List.of(), null, true);
            }
            if (!result.verification().intact()) {
                throw new Evidence.UsageException("the kept export " + file + " is itself broken: " + result.verification().firstBreak().problem());
            }
            Kept kept = new Kept(result.leaves(), result.eventIds());
            for (Checkpoint checkpoint : checkpoints) {
                if (checkpoint.treeSize() <= result.leaves().size()
                        && !Arrays.equals(MerkleTree.root(checkpoint.treeSize(), kept.tree), checkpoint.root())) {
                    throw new Evidence.UsageException("the kept export " + file + " does not hold the kept " + Evidence.describe(checkpoint)
                            + ": it is not a copy of the log that was signed");
                }
            }
            return kept;
        }

        /** The first position where {@code now} differs from the kept leaves (0 when it extends them). */
        long firstDifference(List<byte[]> now) {
            for (int i = 0; i < leaves.size(); i++) {
                if (i >= now.size() || !Arrays.equals(leaves.get(i), now.get(i))) {
                    return i + 1;
                }
            }
            return 0;
        }

        /**
         * The first position that differs, found with consistency proofs alone: the largest prefix of the kept log that the server's log
         * still extends, by bisection (log n proofs).
         */
        long firstDifferenceFrom(LogServer server, Checkpoint latest, long upTo) throws IOException, InterruptedException {
            long good = 0;
            long bad = Math.min(Math.min(upTo, leaves.size()), latest.treeSize()) + 1;
            while (bad - good > 1) {
                long t = (good + bad) / 2;
                if (MerkleTree.verifyConsistency(t, latest.treeSize(), MerkleTree.root(t, tree), latest.root(),
                        server.consistencyProof(t, latest.treeSize()))) {
                    good = t;
                } else {
                    bad = t;
                }
            }
            return good + 1;
        }

        String describe(long position) {
            return position <= eventIds.size() ? "event " + eventIds.get((int) position - 1) + " in the kept export, leaf "
                    + EventChain.hex(leaves.get((int) position - 1)).substring(0, 16) + "…" : "after the kept export";
        }
    }
}
