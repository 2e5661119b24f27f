package eu.aiact.tracker.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Arrays;
import java.util.List;

import eu.aiact.tracker.api.audit.ChainVerification;
import eu.aiact.tracker.api.signing.SigningKeys;

/**
 * The audit tool's command line; exits 0 when what it checks holds, 1 when it does not (a break, a checkpoint the log no longer
 * extends, an event not included), 2 on a usage or file error.
 * <pre>
 * java -jar audit-tool-exec.jar [chain] &lt;export.jsonl | -&gt;
 * java -jar audit-tool-exec.jar verify --key &lt;key&gt; --checkpoint &lt;file&gt;... [--kept &lt;export then&gt;] (&lt;export.jsonl&gt; | --server &lt;url&gt; [--token &lt;t&gt;] [--save-latest &lt;file&gt;])
 * java -jar audit-tool-exec.jar inclusion --key &lt;key&gt; --checkpoint &lt;file&gt; --event &lt;id&gt; (&lt;export.jsonl&gt; | --server &lt;url&gt; [--token &lt;t&gt;])
 * java -jar audit-tool-exec.jar keygen
 * </pre>
 */
public final class VerifyBundle {

    private static final String USAGE = """
            usage: java -jar audit-tool-exec.jar [chain] <export.jsonl>   (or - to read standard input)
                     the chain and Merkle tree of an export (GET /api/audit/chain/export on the command service)
                   java -jar audit-tool-exec.jar verify --key <key file> --checkpoint <checkpoint.json>... [--kept <export of that time>]
                        (<export.jsonl> | --server <command service url> [--token <bearer token, or AUDIT_TOKEN>] [--save-latest <file>])
                     whether today's log still extends every kept checkpoint
                   java -jar audit-tool-exec.jar inclusion --key <key file> --checkpoint <checkpoint.json> --event <event id>
                        (<export.jsonl> | --server <url> [--token <t>])
                     whether an event is in a kept checkpoint's tree
                   java -jar audit-tool-exec.jar keygen
                     a new Ed25519 key pair for the command service (tracker.signing.*)""";

    private VerifyBundle() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (args[0]) {
                case "verify" -> new ConsistencyCheck(out).run(Options.parse(rest));
                case "inclusion" -> new InclusionCheck(out).run(Options.parse(rest));
                case "keygen" -> keygen(out);
                case "chain" -> rest.size() == 1 ? chain(rest.get(0), out) : usage(err);
                default -> args.length == 1 && !args[0].startsWith("--") ? chain(args[0], out) : usage(err);
            };
        } catch (Evidence.UsageException e) {
            err.println(e.getMessage());
            return 2;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + e.getFile());
            return 2;
        } catch (IOException e) {
            err.println("cannot read: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 2;
        }
    }

    private static int usage(PrintStream err) {
        err.println(USAGE);
        return 2;
    }

    private static int chain(String file, PrintStream out) throws IOException {
        try (BufferedReader reader = file.equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
            ChainVerification result = new BundleVerifier().verify(reader);
            if (result.intact()) {
                out.println("INTACT: " + result.linksChecked() + " links verified; head hash " + result.headHash());
                out.println("Merkle tree of " + result.treeSize() + " events, root " + result.rootHash());
                return 0;
            }
            out.println("BROKEN at link " + result.firstBreak().position()
                    + (result.firstBreak().eventIdentifier() == null ? "" : " (event " + result.firstBreak().eventIdentifier() + ")")
                    + ": " + result.firstBreak().problem());
            out.println(result.linksChecked() + " links verified before the break; last good hash " + result.headHash());
            return 1;
        }
    }

    private static int keygen(PrintStream out) {
        KeyPair pair = SigningKeys.generate();
        out.println("# the command service's signing key (keep the private key secret, outside the database):");
        out.println("TRACKER_SIGNING_PRIVATEKEY=" + SigningKeys.encode(pair.getPrivate()));
        out.println("TRACKER_SIGNING_PUBLICKEY=" + SigningKeys.encode(pair.getPublic()));
        out.println("# the consumers (query service, notifier) verify envelopes with the public key:");
        out.println("TRACKER_ENVELOPES_PUBLICKEYS=" + SigningKeys.encode(pair.getPublic()));
        out.println("# key id " + SigningKeys.keyId(pair.getPublic()) + "; auditors check checkpoints with the public key");
        return 0;
    }
}
