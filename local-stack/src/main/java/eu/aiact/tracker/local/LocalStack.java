package eu.aiact.tracker.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.signing.SigningKey;
import eu.aiact.tracker.api.signing.SigningKeys;
import eu.aiact.tracker.infra.DevIssuer;
import eu.aiact.tracker.infra.LocalKafka;
import eu.aiact.tracker.infra.LocalPostgres;

/**
 * The whole system on one machine, with no Docker: a real PostgreSQL server (data kept in {@code dataDirectory/postgres}), a real Kafka
 * broker in KRaft mode (log in {@code dataDirectory/kafka}), a development token issuer (signing key in {@code dataDirectory/issuer}, users
 * from {@code dev-users.properties}), and the three services as separate JVMs, configured as in docker-compose.yml, with security on;
 * with {@link #withWeb(Path)} also the web application (a fourth JVM), which signs users in at the issuer (client {@code web}).
 */
public final class LocalStack implements AutoCloseable {

    public static final String DATABASE = "aiact";
    public static final String DB_USER = "aiact";
    public static final String DB_PASSWORD = "aiact";
    /** Where the notifier sends the platform's daily notice of organisations without recipients and alerts that reached no person. */
    public static final String PLATFORM_ADDRESS = "platform@aiact-tracker.local";

    private final Path dataDirectory;
    private final Path servicesDirectory;
    private final StackPorts ports;
    private final List<ServiceProcess> services = new ArrayList<>();
    private LocalPostgres postgres;
    private LocalKafka kafka;
    private ServiceProcess commandService;
    private ServiceProcess queryService;
    private ServiceProcess notifier;
    private LocalMailbox mailbox;
    private LocalWebhook webhook;
    private AlertsTopicLog alertsLog;
    private DevIssuer issuer;
    private ServiceProcess web;
    private Path webJar;
    private final List<String> notifierExtra = new ArrayList<>();
    private final List<String> queryExtra = new ArrayList<>();

    /** How long a service may take to become healthy: minutes on a loaded 2-core machine (a service alone starts in 20 to 40 s). */
    private static final Duration STARTUP = Duration.ofMinutes(5);

    /** The OAuth2 client id of the web application at the development issuer. */
    public static final String WEB_CLIENT = "web";

    public LocalStack(Path dataDirectory, Path servicesDirectory, StackPorts ports) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.servicesDirectory = servicesDirectory.toAbsolutePath();
        this.ports = ports;
    }

    /**
     * Starts everything and waits until the services are healthy. When anything fails on the way, what was started is stopped again
     * before the failure is thrown: a caller that never got the stack (a test's {@code @BeforeAll}) cannot close it, and service JVMs
     * left running would hold ports and CPU long after.
     */
    public LocalStack start() throws IOException, InterruptedException {
        try {
            return startAll();
        } catch (IOException | InterruptedException | RuntimeException | Error failure) {
            try {
                close();
            } catch (InterruptedException | RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    private LocalStack startAll() throws IOException, InterruptedException {
        postgres = new LocalPostgres(dataDirectory.resolve("postgres"), dataDirectory.resolve("postgres-binaries"), ports.postgres()).start();
        postgres.ensureDatabase(DATABASE, DB_USER, DB_PASSWORD);
        kafka = new LocalKafka(dataDirectory.resolve("kafka"), ports.kafka(), 3).start();
        mailbox = new LocalMailbox(ports.smtp(), dataDirectory.resolve("logs").resolve("mail.log")).start();
        webhook = new LocalWebhook(ports.webhook(), dataDirectory.resolve("logs").resolve("webhook.log")).start();
        alertsLog = new AlertsTopicLog(kafka.bootstrapServers(), dataDirectory.resolve("logs").resolve("alerts-topic.log")).start();
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String webSecret = HexFormat.of().formatHex(secret);
        issuer = DevIssuer.start(ports.issuer(), dataDirectory.resolve("issuer").resolve("signing-key.json"), developmentUsers(),
                Map.of(), webJar == null ? Map.of() : Map.of(WEB_CLIENT, new DevIssuer.LoginClient(webSecret,
                        List.of(webUrl() + "/login/oauth2/code/tracker", "http://localhost:" + ports.web() + "/login/oauth2/code/tracker"),
                        List.of(webUrl() + "/signed-out", "http://localhost:" + ports.web() + "/signed-out"))));
        String[] signing = signingKey();
        commandService = startService("command-service", ports.commandService(), "command",
                "--tracker.signing.private-key=" + signing[0], "--tracker.signing.public-key=" + signing[1]);
        queryService = startService("query-service", ports.queryService(), "query", queryArguments());
        notifier = startService("notifier", ports.notifier(), "notifier", notifierArguments());
        if (webJar != null) {
            web = new ServiceProcess("web", webJar, ports.web(), List.of(
                    "--tracker.web.command-service-url=" + commandService.url(),
                    "--tracker.web.query-service-url=" + queryService.url(),
                    "--tracker.web.notifier-url=" + notifier.url(),
                    "--spring.security.oauth2.client.provider.tracker.issuer-uri=" + issuer.issuerUri(),
                    "--spring.security.oauth2.client.registration.tracker.client-id=" + WEB_CLIENT,
                    "--spring.security.oauth2.client.registration.tracker.client-secret=" + webSecret),
                    dataDirectory.resolve("logs").resolve("web.log")).start();
            services.add(web);
        }
        for (ServiceProcess service : services) {
            service.awaitHealthy(STARTUP);
        }
        return this;
    }

    /** Also starts the web application from this jar (before {@link #start()}), on {@link StackPorts#web()}. */
    public LocalStack withWeb(Path jar) {
        this.webJar = jar.toAbsolutePath();
        return this;
    }

    /** The web application's address (with {@link #withWeb(Path)}). */
    public String webUrl() {
        return "http://127.0.0.1:" + ports.web();
    }

    /** Further arguments for the query service (before {@link #start()}, and for {@link #startAnother}). */
    public LocalStack withQueryArguments(String... arguments) {
        queryExtra.addAll(List.of(arguments));
        return this;
    }

    private String[] queryArguments() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--tracker.envelopes.public-keys=" + signingKey()[1],
                "--tracker.exports.dashboard-url=" + webUrl(),
                // the Algoritmeregister export needs a contact per organisation: the demo knows a few
                "--tracker.exports.contacts[Rijkswaterstaat]=algoritmes@rws.example",
                "--tracker.exports.contacts[Uitvoeringsinstituut Werknemersverzekeringen]=algoritmes@uwv.example",
                "--tracker.exports.contacts[Kadaster]=algoritmes@kadaster.example"));
        arguments.addAll(queryExtra);
        return arguments.toArray(String[]::new);
    }

    /**
     * Starts one more instance of the query service or the notifier (after {@link #start()}) against the same database, broker and
     * issuer, on its own port, as a second instance in production would be; waits until it is healthy. Its log is
     * {@code logs/<service>-<n>.log}. Stopped with the stack.
     */
    ServiceProcess startAnother(String service, int port) throws IOException, InterruptedException {
        String[] arguments = switch (service) {
            case "query-service" -> queryArguments();
            case "notifier" -> notifierArguments();
            default -> throw new IllegalArgumentException("Only the query service and the notifier run as several instances: " + service);
        };
        long same = services.stream().filter(s -> s.name().startsWith(service)).count();
        ServiceProcess another = startService(service + "-" + (same + 1), service, port, service.equals("notifier") ? "notifier" : "query",
                arguments);
        another.awaitHealthy(STARTUP);
        return another;
    }

    /** Further arguments for the notifier (before {@link #start()}), e.g. to switch its scheduled sweeps off in a test. */
    public LocalStack withNotifierArguments(String... arguments) {
        notifierExtra.addAll(List.of(arguments));
        return this;
    }

    private String[] notifierArguments() throws IOException {
        List<String> arguments = new ArrayList<>(List.of("--spring.mail.host=127.0.0.1", "--spring.mail.port=" + ports.smtp(),
                "--tracker.envelopes.public-keys=" + signingKey()[1],
                "--tracker.notifier.secrets-key=" + notifierSecretsKey(),
                "--tracker.notifier.dashboard-url=" + webUrl() + "/systems/{id}",
                // development only: the settable clock (simulations) and plain-http webhooks; of the loopback targets, only the
                // launcher's own webhook receiver
                "--spring.profiles.active=development",
                "--tracker.notifier.channels.webhook.allowed-targets=127.0.0.1:" + ports.webhook(),
                "--tracker.notifier.platform-address=" + PLATFORM_ADDRESS));
        arguments.addAll(notifierExtra);
        return arguments.toArray(String[]::new);
    }

    /**
     * The command service's Ed25519 key pair (it signs the log's checkpoints and the event envelopes; the consumers and auditors get the
     * public key): made on the first start, kept beside the data, the private key owner-only. Answers {private, public}, Base64 DER.
     */
    private String[] signingKey() throws IOException {
        Path privateFile = signingPrivateKeyFile();
        Path publicFile = signingPublicKeyFile();
        if (!Files.exists(privateFile) || !Files.exists(publicFile)) {
            KeyPair pair = SigningKeys.generate();
            Files.createDirectories(privateFile.getParent());
            Files.writeString(privateFile, SigningKeys.encode(pair.getPrivate()) + "\n");
            ownerOnly(privateFile);
            Files.writeString(publicFile, SigningKeys.encode(pair.getPublic()) + "\n");
        }
        return new String[] {Files.readString(privateFile).strip(), Files.readString(publicFile).strip()};
    }

    /** The command service's public key (Base64 DER of X.509), as auditors and the consumers use it. */
    public Path signingPublicKeyFile() {
        return dataDirectory.resolve("signing").resolve("signing-key.pub");
    }

    private Path signingPrivateKeyFile() {
        return dataDirectory.resolve("signing").resolve("signing-key");
    }

    /** Signs envelopes as the command service does, for a benchmark or a test that writes straight to the events topic. */
    public EnvelopeSigner envelopeSigner() throws IOException {
        String[] key = signingKey();
        return new EnvelopeSigner(SigningKey.of(key[0], key[1]));
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // a development key on a file system without POSIX permissions
        }
    }

    /** The key the notifier encrypts webhook secrets with: made on the first start, kept beside the data (owner-only). */
    private String notifierSecretsKey() throws IOException {
        Path file = dataDirectory.resolve("notifier").resolve("secrets.key");
        if (!Files.exists(file)) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(file.getParent());
            Files.writeString(file, Base64.getEncoder().encodeToString(key));
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                // a development key on a file system without POSIX permissions
            }
        }
        return Files.readString(file).strip();
    }

    /** Kills the notifier at once (SIGKILL, as a crash would), then starts it again on the same port and data, and waits until healthy. */
    public void crashAndRestartNotifier() throws IOException, InterruptedException {
        crashAndRestart(notifier);
    }

    /** As {@link #crashAndRestartNotifier()}, for the query service. */
    public void crashAndRestartQueryService() throws IOException, InterruptedException {
        crashAndRestart(queryService);
    }

    private static void crashAndRestart(ServiceProcess service) throws IOException, InterruptedException {
        service.kill();
        service.start();
        service.awaitHealthy(STARTUP);
    }

    /** Where the demo organisations' webhook points: the local receiver, which checks signatures and logs to logs/webhook.log. */
    public String webhookUrl() {
        return webhook.url();
    }

    public int webhookAlertsVerified() {
        return webhook.verified();
    }

    /**
     * The {@code ce-id} (the alert key) of every webhook call the local receiver accepted (valid signature), one per call: an alert
     * posted twice is here twice.
     */
    public List<String> webhookCallIds() {
        return webhook.verifiedIds();
    }

    /** The Message-ID of every mail that arrived for {@code address}, one per arrival: a mail sent twice is here twice. */
    public List<String> mailArrivalsTo(String address) {
        return mailbox.arrivalsTo(address);
    }

    /** Distinct mails (Message-IDs) the local mail server received. */
    public int mailsReceived() {
        return mailbox.distinctMails();
    }

    /** The bodies of the mails the local mail server received for {@code address} so far (one per Message-ID), in the order received. */
    public List<String> mailBodiesTo(String address) {
        return mailbox.bodiesTo(address);
    }

    /** The development users and their roles, as the issuer knows them. */
    public Map<String, List<String>> users() {
        return issuer.users();
    }

    /** A token of one of the development users ({@code dev-users.properties}). */
    public String token(String user) {
        return issuer.tokenFor(user);
    }

    public String issuerUrl() {
        return issuer.issuerUri();
    }

    static Map<String, List<String>> developmentUsers() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = LocalStack.class.getResourceAsStream("/dev-users.properties");
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        Map<String, List<String>> users = new LinkedHashMap<>();
        properties.stringPropertyNames().stream().sorted().forEach(user -> users.put(user,
                Arrays.stream(properties.getProperty(user).split(",")).map(String::strip).filter(role -> !role.isEmpty()).toList()));
        return users;
    }

    public String commandServiceUrl() {
        return commandService.url();
    }

    public String queryServiceUrl() {
        return queryService.url();
    }

    public String notifierUrl() {
        return notifier.url();
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(DATABASE);
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    private ServiceProcess startService(String name, int port, String schema, String... extra) throws IOException {
        return startService(name, name, port, schema, extra);
    }

    private ServiceProcess startService(String name, String jar, int port, String schema, String... extra) throws IOException {
        List<String> arguments = new ArrayList<>(List.of(
                "--spring.datasource.url=" + postgres.jdbcUrl(DATABASE) + "?currentSchema=" + schema,
                "--spring.datasource.username=" + DB_USER,
                "--spring.datasource.password=" + DB_PASSWORD,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer.issuerUri(),
                "--spring.security.oauth2.resourceserver.jwt.jwk-set-uri=" + issuer.jwkSetUri()));
        arguments.addAll(List.of(extra));
        ServiceProcess service = new ServiceProcess(name, servicesDirectory.resolve(jar + ".jar"), port, arguments,
                dataDirectory.resolve("logs").resolve(name + ".log")).start();
        services.add(service);
        return service;
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (alertsLog != null) {
            alertsLog.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (webhook != null) {
            webhook.close();
        }
        if (mailbox != null) {
            mailbox.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }
}
