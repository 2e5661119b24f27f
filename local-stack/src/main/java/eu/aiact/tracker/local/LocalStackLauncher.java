package eu.aiact.tracker.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack-exec.jar [--data-dir DIR] [--no-demo] [--web-jar web/target/web.jar]}: starts
 * PostgreSQL, Kafka, the three services and the web application, loads the demo inventory on first start, prints the web application's
 * address and the development users, and runs until Ctrl-C.
 */
public final class LocalStackLauncher {

    private LocalStackLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        Path dataDirectory = Path.of(option(arguments, "--data-dir", ".local-stack"));
        Path servicesDirectory = Path.of(option(arguments, "--services-dir", defaultServicesDirectory().toString()));
        StackPorts ports = StackPorts.defaults();

        Path webJar = Path.of(option(arguments, "--web-jar", System.getProperty("aiact.web.jar", "web/target/web.jar")));
        System.out.println("Starting the AI Act deadline tracker: PostgreSQL, Kafka, command-service, query-service, notifier, web ...");
        LocalStack stack = new LocalStack(dataDirectory, servicesDirectory, ports).withWeb(webJar);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping the local stack ...");
            try {
                stack.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped.countDown();
        }));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("The local stack did not start: " + e.getMessage());
            System.exit(1);
        }
        if (!arguments.contains("--no-demo")) {
            int synthetic = Integer.parseInt(option(arguments, "--demo-systems", String.valueOf(DemoData.DEFAULT_SYNTHETIC)));
            long started = System.nanoTime();
            int loaded = DemoData.loadOnce(stack.commandServiceUrl(), stack.dataDirectory(), synthetic, stack.token(DemoData.LOADER));
            if (loaded > 0) {
                System.out.printf("Loaded %d demo AI systems in %.1f s.%n", loaded, (System.nanoTime() - started) / 1e9);
            }
        }
        // every organisation of the local stack gets recipients (the walk-through's Gemeente Utrecht too), with or without demo data
        DemoData.configureRecipients(stack.notifierUrl(), stack.webhookUrl(), stack.token(DemoData.LOADER));
        StringBuilder users = new StringBuilder();
        stack.users().forEach((user, roles) -> users.append(String.format("    %-26s %s%n", user, String.join(", ", roles))));
        System.out.printf("""

                The AI Act deadline tracker is running. Open it in a browser:

                    %s

                Sign in by picking one of the development users (development only, no passwords):
                %s
                Logs and data: %s (ports and the APIs: see the README). Press Ctrl-C to stop.
                """, stack.webUrl(), users.toString().stripTrailing(), stack.dataDirectory());
        stopped.await();
    }

    static String option(List<String> arguments, String name, String fallback) {
        int index = arguments.indexOf(name);
        return index >= 0 && index + 1 < arguments.size() ? arguments.get(index + 1) : fallback;
    }

    /** Where the build copies the three service jars, seen from the repository's root (where run-local.sh starts the launcher). */
    private static Path defaultServicesDirectory() {
        return Path.of(System.getProperty("aiact.services.dir", "local-stack/target/services"));
    }
}
