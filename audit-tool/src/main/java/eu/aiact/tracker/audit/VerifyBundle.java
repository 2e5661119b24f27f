package eu.aiact.tracker.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import eu.aiact.tracker.api.audit.ChainVerification;

/**
 * Command line: {@code java -jar audit-tool-exec.jar <bundle.jsonl | ->}. Prints whether the exported event chain is intact, how many
 * links it checked, the head hash, and the first break; exits 0 when intact, 1 when broken, 2 on a usage or file error.
 */
public final class VerifyBundle {

    private VerifyBundle() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 1) {
            err.println("usage: java -jar audit-tool-exec.jar <bundle.jsonl>   (or - to read standard input)");
            err.println("       the bundle is what GET /api/audit/chain/export on the command service returns");
            return 2;
        }
        try (BufferedReader reader = args[0].equals("-")
                ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(args[0]), StandardCharsets.UTF_8)) {
            ChainVerification result = new BundleVerifier().verify(reader);
            if (result.intact()) {
                out.println("INTACT: " + result.linksChecked() + " links verified; head hash " + result.headHash());
                return 0;
            }
            out.println("BROKEN at link " + result.firstBreak().position()
                    + (result.firstBreak().eventIdentifier() == null ? "" : " (event " + result.firstBreak().eventIdentifier() + ")")
                    + ": " + result.firstBreak().problem());
            out.println(result.linksChecked() + " links verified before the break; last good hash " + result.headHash());
            return 1;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + args[0]);
            return 2;
        } catch (IOException e) {
            err.println("cannot read " + args[0] + ": " + e.getMessage());
            return 2;
        }
    }
}
