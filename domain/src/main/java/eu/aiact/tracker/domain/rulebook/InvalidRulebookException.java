package eu.aiact.tracker.domain.rulebook;

/** A rulebook file that cannot be loaded; the message names the file, the rule (or other part) and the problem. */
public class InvalidRulebookException extends RuntimeException {

    private final String file;
    private final String rule;
    private final String problem;

    public InvalidRulebookException(String file, String rule, String problem) {
        this(file, rule, problem, null);
    }

    public InvalidRulebookException(String file, String rule, String problem, Throwable cause) {
        super("Invalid rulebook file " + file + ", " + rule + ": " + problem, cause);
        this.file = file;
        this.rule = rule;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    /** The rule (e.g. "rule ART27-FRIA") or other part of the file (e.g. "milestone legacy-cutoff", "header"). */
    public String rule() {
        return rule;
    }

    public String problem() {
        return problem;
    }
}
