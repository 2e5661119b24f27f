package eu.aiact.tracker.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real Apache Kafka broker in KRaft mode (Kafka's own {@code KafkaRaftServer}, combined broker and controller) on a fixed port, with
 * its log in a folder of the caller's choice: stopped and started again, it keeps its topics, records and consumer group offsets.
 * <p>
 * spring-kafka-test's KRaft broker was tried first: its test kit pre-binds random ports and ignores a fixed one, which the local stack
 * (fixed, documented ports) and the broker-outage test (the broker must come back at the same address) both need.
 */
public final class LocalKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalKafka.class);

    private final Path logDirectory;
    private final int port;
    private final int partitions;
    private KafkaRaftServer server;

    public LocalKafka(Path logDirectory, int port, int partitions) {
        this.logDirectory = logDirectory.toAbsolutePath();
        this.port = port;
        this.partitions = partitions;
    }

    public synchronized LocalKafka start() {
        try {
            Files.createDirectories(logDirectory);
            Properties config = config(FreePorts.next());
            format(config);
            KafkaRaftServer raft = new KafkaRaftServer(new KafkaConfig(config, false), Time.SYSTEM);
            raft.startup();
            server = raft;
            log.info("Kafka running on {} with its log in {}", bootstrapServers(), logDirectory);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka in " + logDirectory, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Stops the broker; {@link #start()} starts it again on the same port with the same data. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
            log.info("Kafka on {} stopped", bootstrapServers());
        }
    }

    private Properties config(int controllerPort) {
        Properties config = new Properties();
        config.put("process.roles", "broker,controller");
        config.put("node.id", "1");
        config.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("controller.listener.names", "CONTROLLER");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        config.put("log.dirs", logDirectory.toString());
        config.put("num.partitions", String.valueOf(partitions));
        config.put("auto.create.topics.enable", "true");
        config.put("offsets.topic.replication.factor", "1");
        config.put("offsets.topic.num.partitions", "5");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        config.put("group.initial.rebalance.delay.ms", "0");
        config.put("log.retention.ms", "-1");
        config.put("share.coordinator.state.topic.replication.factor", "1");
        config.put("share.coordinator.state.topic.min.isr", "1");
        return config;
    }

    /** Formats the log folder for KRaft the first time; a formatted folder is left as it is. */
    private void format(Properties config) throws IOException {
        Path configFile = logDirectory.resolveSibling(logDirectory.getFileName() + ".properties");
        try (OutputStream out = Files.newOutputStream(configFile)) {
            config.store(out, "written by LocalKafka for kafka-storage format");
        }
        Path clusterIdFile = logDirectory.resolveSibling(logDirectory.getFileName() + ".cluster-id");
        if (!Files.exists(clusterIdFile)) {
            Files.writeString(clusterIdFile, Uuid.randomUuid().toString());
        }
        String clusterId = Files.readString(clusterIdFile).strip();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", clusterId, "-c", configFile.toString(), "--ignore-formatted"},
                new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IllegalStateException("Could not format the Kafka log in " + logDirectory + ": " + output.toString(StandardCharsets.UTF_8));
        }
    }
}
