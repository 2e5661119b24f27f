package eu.aiact.tracker.local;

/** Where each part of the local stack listens. The defaults are the documented, fixed ports. */
public record StackPorts(int postgres, int kafka, int commandService, int queryService, int notifier, int smtp, int webhook, int issuer,
        int web) {

    /** Without the web application's port (stacks that do not start it): 8080. */
    public StackPorts(int postgres, int kafka, int commandService, int queryService, int notifier, int smtp, int webhook, int issuer) {
        this(postgres, kafka, commandService, queryService, notifier, smtp, webhook, issuer, 8080);
    }

    public static StackPorts defaults() {
        return new StackPorts(55432, 9092, 8081, 8082, 8083, 1025, 8089, 8090, 8080);
    }
}
