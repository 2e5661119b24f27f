package eu.aiact.tracker.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The real PostgreSQL and Kafka that integration tests run against, one pair per test JVM: Testcontainers where a Docker engine answers,
 * otherwise the embedded servers ({@link LocalPostgres}, {@link LocalKafka}). Set {@code -Daiact.test.infra=embedded} or
 * {@code =containers} to force one.
 */
public final class TestInfrastructure {

    public static final String DATABASE = "aiact";
    public static final String USER = "aiact";
    public static final String PASSWORD = "aiact";

    private static final Logger log = LoggerFactory.getLogger(TestInfrastructure.class);
    private static TestInfrastructure instance;

    private final String postgresHostPort;
    private final String kafkaBootstrapServers;

    private TestInfrastructure(String postgresHostPort, String kafkaBootstrapServers) {
        this.postgresHostPort = postgresHostPort;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
    }

    /** Starts the servers on first use; they stop when the JVM exits. */
    public static synchronized TestInfrastructure get() {
        if (instance == null) {
            instance = useContainers() ? startContainers() : startEmbedded();
        }
        return instance;
    }

    /** A JDBC URL whose connections work in the given schema. */
    public String jdbcUrl(String schema) {
        return "jdbc:postgresql://" + postgresHostPort + "/" + DATABASE + "?currentSchema=" + schema;
    }

    /**
     * The Spring properties that point a service at these servers, with its tables in the given schema (created by Flyway), and the
     * signing key of the tests ({@link TestSigningKeys}: the command service signs with it, consumers trust it). A test registers them
     * through {@code @DynamicPropertySource}.
     */
    public Map<String, String> springProperties(String schema) {
        return springProperties(schema, kafkaBootstrapServers);
    }

    /** As {@link #springProperties(String)}, but with a Kafka broker of the test's own (one it stops and starts, say). */
    public Map<String, String> springProperties(String schema, String kafkaBootstrapServers) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", jdbcUrl(schema));
        properties.put("spring.datasource.username", USER);
        properties.put("spring.datasource.password", PASSWORD);
        properties.put("spring.flyway.schemas", schema);
        properties.put("spring.flyway.default-schema", schema);
        properties.put("spring.kafka.bootstrap-servers", kafkaBootstrapServers);
        properties.putAll(TestSigningKeys.springProperties());
        return properties;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    private static boolean useContainers() {
        String forced = System.getProperty("aiact.test.infra", "");
        if (forced.equals("embedded")) {
            return false;
        }
        if (forced.equals("containers")) {
            return true;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestInfrastructure startEmbedded() {
        try {
            Path base = Files.createTempDirectory("aiact-test-");
            Path install = Path.of(System.getProperty("java.io.tmpdir"), "aiact-postgres-binaries");
            LocalPostgres postgres = new LocalPostgres(base.resolve("pgdata"), install, FreePorts.next()).start();
            postgres.ensureDatabase(DATABASE, USER, PASSWORD);
            LocalKafka kafka = new LocalKafka(base.resolve("kafka"), FreePorts.next(), 3).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                kafka.close();
                postgres.close();
            }));
            log.info("Tests use embedded PostgreSQL on {} and Kafka on {}", postgres.port(), kafka.bootstrapServers());
            return new TestInfrastructure("127.0.0.1:" + postgres.port(), kafka.bootstrapServers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestInfrastructure startContainers() {
        PostgreSQLContainer postgres = new PostgreSQLContainer("postgres:17")
                .withDatabaseName(DATABASE).withUsername(USER).withPassword(PASSWORD);
        postgres.start();
        KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");
        kafka.start();
        log.info("Tests use PostgreSQL and Kafka containers");
        return new TestInfrastructure(postgres.getHost() + ":" + postgres.getMappedPort(5432), kafka.getBootstrapServers());
    }

}
