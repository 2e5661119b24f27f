package eu.aiact.tracker.domain.provision;

/** A catalogue file of legal provisions that breaks the format: names the file, the provision (or part) and the problem. */
public class InvalidProvisionCatalogueException extends RuntimeException {

    private final String file;
    private final String where;
    private final String problem;

    public InvalidProvisionCatalogueException(String file, String where, String problem) {
        this(file, where, problem, null);
    }

    public InvalidProvisionCatalogueException(String file, String where, String problem, Throwable cause) {
        super("Invalid provision catalogue file " + file + ", " + where + ": " + problem, cause);
        this.file = file;
        this.where = where;
        this.problem = problem;
    }

    public String file() {
        return file;
    }

    public String where() {
        return where;
    }

    public String problem() {
        return problem;
    }
}
