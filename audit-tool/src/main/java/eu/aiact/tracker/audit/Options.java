package eu.aiact.tracker.audit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line after the command's name: {@code --name value} options (some repeatable) and one positional file at most. */
final class Options {

    final List<Path> checkpoints = new ArrayList<>();
    Path key;
    Path kept;
    Path export;
    Path saveLatest;
    String server;
    String token;
    String event;

    static Options parse(List<String> arguments) {
        Options options = new Options();
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (!argument.startsWith("--")) {
                if (options.export != null) {
                    throw new Evidence.UsageException("one export file only, not also " + argument);
                }
                options.export = Path.of(argument);
                continue;
            }
            if (i + 1 >= arguments.size()) {
                throw new Evidence.UsageException(argument + " needs a value");
            }
            String value = arguments.get(++i);
            switch (argument) {
                case "--key" -> options.key = Path.of(value);
                case "--checkpoint" -> options.checkpoints.add(Path.of(value));
                case "--kept" -> options.kept = Path.of(value);
                case "--server" -> options.server = value;
                case "--token" -> options.token = value;
                case "--event" -> options.event = value;
                case "--save-latest" -> options.saveLatest = Path.of(value);
                default -> throw new Evidence.UsageException("unknown option " + argument);
            }
        }
        if (options.token == null) {
            options.token = System.getenv("AUDIT_TOKEN");
        }
        return options;
    }

    void requireKeyAndCheckpoints() {
        if (key == null || checkpoints.isEmpty()) {
            throw new Evidence.UsageException("--key and at least one --checkpoint are needed");
        }
        if ((export == null) == (server == null)) {
            throw new Evidence.UsageException("give either an export file or --server, not both or neither");
        }
    }
}
