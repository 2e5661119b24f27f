package eu.aiact.tracker.local;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar local-stack/target/local-stack-exec.jar [--data-dir DIR] [--no-demo]}: starts PostgreSQL, Kafka and the three services,
 * loads the demo inventory on first start, prints the URLs and runs until Ctrl-C.
 */
public final class LocalStackLauncher {

    private LocalStackLauncher() {
    }

    public static void main(String[] args) throws Exception {
        List<String> arguments = List.of(args);
        Path dataDirectory = Path.of(option(arguments, "--data-dir", ".local-stack"));
        Path servicesDirectory = Path.of(option(arguments, "--services-dir", defaultServicesDirectory().toString()));
        StackPorts ports = StackPorts.defaults();

        System.out.println("Starting the AI Act deadline tracker: PostgreSQL, Kafka, command-service, query-service, notifier ...");
        LocalStack stack = new LocalStack(dataDirectory, servicesDirectory, ports);
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
            DemoData.configureRecipients(stack.notifierUrl(), stack.webhookUrl(), stack.token(DemoData.LOADER));
        }
        StringBuilder users = new StringBuilder();
        stack.users().forEach((user, roles) -> users.append(String.format("                    %-26s %s%n", user, String.join(", ", roles))));
        System.out.printf("""

                The AI Act deadline tracker is running. Every request needs a bearer token from the development issuer:
                  token issuer     %s   (curl -s %s/token -d username=cio-duo; development only, no passwords)
                  users            (user, roles)
                %s
                  command service  %s   (POST /api/systems, POST /api/systems/{id}/..., POST /api/imports; header Authorization: Bearer <token>)
                  dashboard        %s/dashboard?access_token=<token>
                  query service    %s   (GET /api/systems[/{id}[/history|/obligations|/as-of]], /api/obligations, /api/portfolio, /api/rulebooks, /api/history)
                  notifier         %s   (GET /api/alerts[/preview?asOf=], PUT /api/admin/clock, POST /api/admin/sweeps)
                  audit            %s/api/audit/chain/verify, /api/audit/chain/export
                  PostgreSQL       %s  (user %s, password %s; schemas command, query, notifier)
                  Kafka            %s   (topics aiact.events, aiact.obligations, aiact.alerts)
                  alert mails      SMTP 127.0.0.1:%d, written to %s
                  alert webhook    %s, written to %s
                  alerts topic     written to %s
                  data and logs    %s
                Press Ctrl-C to stop.
                """, stack.issuerUrl(), stack.issuerUrl(), users.toString().stripTrailing(), stack.commandServiceUrl(), stack.queryServiceUrl(), stack.queryServiceUrl(), stack.notifierUrl(), stack.commandServiceUrl(),
                stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD, stack.kafkaBootstrapServers(), ports.smtp(),
                stack.dataDirectory().resolve("logs/mail.log"), stack.webhookUrl(), stack.dataDirectory().resolve("logs/webhook.log"),
                stack.dataDirectory().resolve("logs/alerts-topic.log"), stack.dataDirectory());
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
