package eu.aiact.tracker.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.envelope.EnvelopeSigner;
import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.envelope.Topics;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.infra.LocalPostgres;
import eu.aiact.tracker.local.LocalStack;
import eu.aiact.tracker.local.StackPorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts the local stack (PostgreSQL, Kafka and the three service jars, each in its own JVM) on free ports and measures the whole
 * pipeline, each figure beside the raw limit of the same machine measured in the same run. Run through the {@code bench} profile:
 * {@code ./mvnw -B -q -Pbench -pl bench -am -DskipTests verify}. See docs/performance.md.
 */
public final class PipelineBenchmark {

    private static final String GROUP = "query-service";
    private static boolean profilePostgres;
    private static final String[] ALL_PHASES = {"commands", "lag", "projection", "rebuild", "engine", "sweep"};
    /** Phases run only when named in bench.phases (they take long): scale (bench.scaleSystems systems, five events each). */
    private static final String[] OPTIONAL_PHASES = {"scale"};
    private static final String REGISTER = """
            {"organisation":"Bench org %d","name":"Bench system %d","description":"synthetic","initialPhase":"IN_USE",
             "role":"DEPLOYER","publicAuthority":true}""";
    private static final String CLASSIFY = """
            {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],"rationale":"benchmark classification"}""";

    private final JsonMapper json = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newFixedThreadPool(16)).connectTimeout(Duration.ofSeconds(5)).build();
    private final List<String[]> summary = new ArrayList<>();
    private final int seconds = Integer.getInteger("bench.seconds", 10);
    /** Envelopes signed at once when the benchmark writes straight to the events topic (the publisher's batch size is 50). */
    private static final int SIGNED_BATCH = 100;
    private LocalStack stack;
    /** The raw Kafka producer's rate measured by the live projection phase (the raw limit of the feed's drain, too); NaN before. */
    private double rawProducerRate = Double.NaN;
    private final Map<String, String> tokens = new java.util.concurrent.ConcurrentHashMap<>();
    /** Which phases run (bench.phases, comma-separated): commands, lag, projection (live projection and heap), rebuild, engine, sweep. */
    private final List<String> phases = List.of(System.getProperty("bench.phases", "").isBlank() ? ALL_PHASES
            : System.getProperty("bench.phases").split("\\s*,\\s*"));
    /**
     * The date the sweep phase's due dates are spread around: today, the only date the notifier's real sweeps decide on (a sweep on
     * another date is a simulation, which stores its alerts apart). {@code bench.asOf} is the engine benchmark's option, not this one's.
     */
    private final LocalDate asOf = LocalDate.now(java.time.ZoneOffset.UTC);

    public static void main(String[] args) {
        try {
            new PipelineBenchmark().run();
        } catch (Throwable e) {
            // the HTTP client's threads would keep the JVM (and the Maven build waiting for it) alive
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        for (String phase : phases) {
            if (!List.of(ALL_PHASES).contains(phase) && !List.of(OPTIONAL_PHASES).contains(phase)) {
                throw new IllegalArgumentException("unknown phase in bench.phases: " + phase + "; known: " + String.join(",", ALL_PHASES)
                        + ", " + String.join(",", OPTIONAL_PHASES));
            }
        }
        machine();
        Path dataDir = Path.of(System.getProperty("bench.dataDir", "bench/target/bench-stack"));
        deleteRecursively(dataDir);
        StackPorts ports = new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                FreePorts.next(), FreePorts.next(), FreePorts.next());
        for (String service : System.getProperty("bench.profile", "").split("\\s*,\\s*")) {
            if (service.equals("postgres")) {
                // where PostgreSQL's time goes, per statement: pg_stat_statements, reset after the commands' warm-up and written after
                // the command phases with the readers running (bench/target/postgres-statements.txt)
                System.setProperty(LocalPostgres.EXTRA_OPTIONS, "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all");
                profilePostgres = true;
            } else if (!service.isBlank()) {
                // a flight recording of the service, written when the stack stops (jfr print / jfr summary / JDK Mission Control)
                Path recording = Path.of("bench/target/jfr", service + ".jfr").toAbsolutePath();
                Files.createDirectories(recording.getParent());
                System.setProperty("stack.jvmOptions." + service, "-XX:StartFlightRecording=filename=" + recording
                        + ",settings=profile,dumponexit=true");
                System.out.println("recording " + service + " to " + recording);
            }
        }
        long t0 = System.nanoTime();
        // The notifier sweeps and dispatches only when the sweep phase asks (a scheduled sweep would race the timed one, the dispatcher
        // would send the swept alerts while the second sweep is timed), on the benchmark's date.
        stack = new LocalStack(dataDir, Path.of(System.getProperty("bench.servicesDir", "local-stack/target/services")), ports)
                .withNotifierArguments("--tracker.notifier.sweep-initial-delay=PT24H", "--tracker.notifier.sweep-interval=PT24H",
                        "--tracker.notifier.dispatch-interval=PT24H")
                .start();
        System.out.printf("local stack up in %.1f s: command %s, query %s, PostgreSQL %s, Kafka %s%n", (System.nanoTime() - t0) / 1e9,
                stack.commandServiceUrl(), stack.queryServiceUrl(), stack.jdbcUrl(), stack.kafkaBootstrapServers());
        System.out.println("phases: " + phases + "; benchmark date (the notifier's real date, today): " + asOf);
        try {
            awaitQueryCaughtUp(Duration.ofMinutes(2));
            if (phases.contains("commands")) {
                rawInsertsAndCommands();
            }
            if (phases.contains("lag")) {
                projectionLag();
            }
            if (phases.contains("projection")) {
                long events = Long.getLong("bench.events", 200_000);
                loadAndHeap(events);
            }
            if (phases.contains("rebuild")) {
                rebuildAgainstRawConsumer();
            }
            if (phases.contains("engine")) {
                engine();
            }
            if (phases.contains("sweep")) {
                sweep();
            }
            if (phases.contains("scale")) {
                scale(Long.getLong("bench.scaleSystems", 1_000_000));
            }
        } finally {
            printSummary();
            stack.close();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------- machine

    private void machine() {
        Runtime rt = Runtime.getRuntime();
        String memory = "";
        try {
            memory = Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\s+", " ");
        } catch (IOException ignored) {
            memory = "unknown";
        }
        System.out.printf("machine: %d processors, %s; java %s (%s); os %s %s%n", rt.availableProcessors(), memory,
                System.getProperty("java.version"), System.getProperty("java.vm.name"), System.getProperty("os.name"),
                System.getProperty("os.version"));
        System.out.println("bench JVM: " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        System.out.println("load average at start (other processes on this machine skew every figure): " + loadAverage());
    }

    // ------------------------------------------------------------------------------------------------ raw inserts and commands

    private void rawInsertsAndCommands() throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA IF NOT EXISTS bench");
            s.execute("CREATE TABLE IF NOT EXISTS bench.scratch (id uuid PRIMARY KEY, recorded_at timestamptz NOT NULL, payload bytea NOT NULL)");
        }
        // warm-up of both sides, not counted: long enough for the services' JIT compilers to have done most of their work, as in a
        // service that has run for a while (with 30 s, the compilers still took most of the readers' CPU in the timed phases and one
        // client's p50 was 44 ms against 9 ms after 300 s: docs/performance.md, runs AA and AB)
        rawInserts(4, 3);
        commands(4, Integer.getInteger("bench.warmupSeconds", 300));
        awaitQueryCaughtUp(Duration.ofMinutes(5));
        statements("SELECT pg_stat_statements_reset()");
        for (int threads : new int[] {1, 16}) {
            Result raw = rawInserts(threads, seconds);
            awaitQueryCaughtUp(Duration.ofMinutes(5));
            // Micrometer's jvm.compilation.time: the JVM's total JIT compilation time so far, in ms (NaN when not available)
            double compiledBefore = counter(stack.commandServiceUrl(), "jvm.compilation.time");
            CpuUse before = CpuUse.now(postgresData());
            Result cmd = commands(threads, seconds);
            String cpu = CpuUse.now(postgresData()).since(before, cmd.count(), "command") + String.format(
                    "; the command service's JIT compilers %.1f s", (counter(stack.commandServiceUrl(), "jvm.compilation.time") - compiledBefore) / 1000);
            String target = threads == 16 ? ">= 25% of the raw inserts, p99 < 50 ms" : "p50 < 5 ms";
            String rawText = "raw PostgreSQL inserts, autocommit, " + threads + " thread(s): " + raw.describe() + "; commands = "
                    + percent(cmd.rate(), raw.rate()) + " of raw";
            if (threads == 16) {
                Result locked = rawLockedInserts(threads, seconds);
                rawText += "; the same inserts each in a transaction that first takes one advisory lock (as the hash-chain trigger did on"
                        + " every append before the log's sequencer, V5): " + locked.describe();
            }
            row("commands, " + threads + " HTTP client(s) (register + classify)", cmd.describe() + "; " + logDelay() + "; " + cpu, rawText,
                    target);
        }
        awaitQueryCaughtUp(Duration.ofMinutes(5));
        writeStatements(Path.of("bench/target/postgres-statements.txt"));
        // What the command side alone does on this machine: the same phases with the event's readers (query service, notifier) frozen
        // with SIGSTOP, so that they take no CPU; they catch up after SIGCONT (their consumer sessions outlast a phase).
        for (int threads : new int[] {1, 16}) {
            List<ProcessHandle> readers = serviceProcesses("query-service.jar", "notifier.jar");
            signal("STOP", readers);
            Result cmd;
            String cpu;
            try {
                CpuUse before = CpuUse.now(postgresData());
                cmd = commands(threads, seconds);
                cpu = CpuUse.now(postgresData()).since(before, cmd.count(), "command");
            } finally {
                signal("CONT", readers);
            }
            awaitQueryCaughtUp(Duration.ofMinutes(5));
            row("commands, " + threads + " HTTP client(s), the query service and the notifier frozen (SIGSTOP) meanwhile",
                    cmd.describe() + "; " + cpu, "the raw inserts in the rows above", threads == 16 ? ">= 25% of the raw inserts, p99 < 50 ms" : "p50 < 5 ms");
        }
    }

    /** Runs SQL as PostgreSQL's superuser when the bench profiles PostgreSQL (bench.profile=postgres); otherwise nothing. */
    private void statements(String sql) throws SQLException {
        if (profilePostgres) {
            try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), "postgres", ""); Statement s = c.createStatement()) {
                s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
                s.execute(sql);
            }
        }
    }

    /** The 25 statements that took PostgreSQL the most time since the reset, with their calls, rows and mean time. */
    private void writeStatements(Path file) throws SQLException, IOException {
        if (!profilePostgres) {
            return;
        }
        StringBuilder out = new StringBuilder("total ms | calls | mean ms | rows | statement (since the reset after the warm-up)\n");
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), "postgres", ""); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("""
                        SELECT round(total_exec_time::numeric, 1), calls, round(mean_exec_time::numeric, 3), rows,
                               regexp_replace(query, '\\s+', ' ', 'g')
                        FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 25""")) {
            while (rs.next()) {
                String query = rs.getString(5);
                out.append(String.format("%s | %d | %s | %d | %s%n", rs.getBigDecimal(1), rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
                        query.length() > 300 ? query.substring(0, 300) + " ..." : query));
            }
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, out);
        System.out.println("PostgreSQL's statements during the command phases: " + file.toAbsolutePath() + "\n" + out);
    }

    /** The stack's service processes whose command line names one of the jars. */
    private static List<ProcessHandle> serviceProcesses(String... jars) {
        try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
            return descendants.filter(p -> {
                String commandLine = p.info().commandLine().orElse("");
                return java.util.Arrays.stream(jars).anyMatch(commandLine::contains);
            }).toList();
        }
    }

    private static void signal(String signal, List<ProcessHandle> processes) throws IOException, InterruptedException {
        for (ProcessHandle p : processes) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + p.pid() + " failed");
            }
        }
    }

    private record Result(long count, long errors, double seconds, Latencies latencies) {
        double rate() {
            return count / seconds;
        }

        String describe() {
            return String.format("%,.0f/s (%,d in %.1f s%s), p50 %.2f ms, p99 %.2f ms", rate(), count, seconds,
                    errors > 0 ? ", " + errors + " errors" : "", latencies.percentileMillis(50), latencies.percentileMillis(99));
        }
    }

    private interface Worker {
        /** Does one unit of work, records its latency; returns false on an error. */
        boolean step(int thread, long iteration, Latencies latencies) throws Exception;
    }

    private Result timed(int threads, int runSeconds, Worker worker) throws InterruptedException {
        Latencies all = new Latencies();
        AtomicLong count = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong end = new AtomicLong();
        List<Thread> running = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread th = new Thread(() -> {
                Latencies mine = new Latencies();
                ready.countDown();
                try {
                    go.await();
                    long i = 0;
                    while (System.nanoTime() < end.get()) {
                        if (worker.step(thread, i++, mine)) {
                            count.incrementAndGet();
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                }
                all.addAll(mine);
            });
            th.start();
            running.add(th);
        }
        ready.await();
        long start = System.nanoTime();
        end.set(start + TimeUnit.SECONDS.toNanos(runSeconds));
        go.countDown();
        for (Thread th : running) {
            th.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException("benchmark worker failed", failure.get());
        }
        return new Result(count.get(), errors.get(), (System.nanoTime() - start) / 1e9, all);
    }

    private Result rawInserts(int threads, int runSeconds) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
            c.setAutoCommit(true);
            connections.add(c);
            statements.add(c.prepareStatement("INSERT INTO bench.scratch (id, recorded_at, payload) VALUES (?, now(), ?)"));
        }
        byte[] payload = new byte[600]; // about the size of a stored registration event
        try {
            return timed(threads, runSeconds, (thread, i, latencies) -> {
                PreparedStatement insert = statements.get(thread);
                long s = System.nanoTime();
                insert.setObject(1, UUID.randomUUID());
                insert.setBytes(2, payload);
                insert.executeUpdate();
                latencies.add(System.nanoTime() - s);
                return true;
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    /** Raw inserts serialised as the command service's appends are: one transaction-scoped advisory lock held until the commit. */
    private Result rawLockedInserts(int threads, int runSeconds) throws Exception {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement[]> statements = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
            c.setAutoCommit(false);
            connections.add(c);
            statements.add(new PreparedStatement[] {c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext('bench.scratch'))"),
                    c.prepareStatement("INSERT INTO bench.scratch (id, recorded_at, payload) VALUES (?, now(), ?)")});
        }
        byte[] payload = new byte[600];
        try {
            return timed(threads, runSeconds, (thread, i, latencies) -> {
                PreparedStatement[] st = statements.get(thread);
                long s = System.nanoTime();
                st[0].execute();
                st[1].setObject(1, UUID.randomUUID());
                st[1].setBytes(2, payload);
                st[1].executeUpdate();
                connections.get(thread).commit();
                latencies.add(System.nanoTime() - s);
                return true;
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private Result commands(int clients, int runSeconds) throws Exception {
        String url = stack.commandServiceUrl() + "/api/systems";
        AtomicLong numbers = new AtomicLong();
        String[] current = new String[clients];
        return timed(clients, runSeconds, (thread, i, latencies) -> {
            HttpRequest request;
            boolean register = i % 2 == 0;
            if (register) {
                long n = numbers.incrementAndGet();
                request = post(url, String.format(REGISTER, n % 70, n));
            } else {
                request = post(url + "/" + current[thread] + "/classification", CLASSIFY);
            }
            long s = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            latencies.add(System.nanoTime() - s);
            if (register && response.statusCode() == 201) {
                current[thread] = json.readTree(response.body()).get("id").asString();
                return true;
            }
            return response.statusCode() == 200 && !register;
        });
    }

    private HttpRequest post(String url, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("Authorization", bearer(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * The bench's tokens (the stack runs with security on, as in production): the central CIO office for commands, the court of audit
     * for reads, the administrator for metrics and rebuilds. Fetched once each, valid for hours.
     */
    private String bearer(String url) {
        String user = url.contains("/actuator/") || url.contains("/api/admin/") ? "admin"
                : url.startsWith(stack.commandServiceUrl()) ? "cio-rijk" : "auditor-rekenkamer";
        return "Bearer " + tokens.computeIfAbsent(user, stack::token);
    }

    // ------------------------------------------------------------------------------------------------------- projection lag

    /**
     * Registrations sent open-loop at a steady rate: a dispatcher thread sends each at its scheduled instant, asynchronously, so a slow
     * answer does not slow the rate (at most 256 in flight: when the command service cannot keep up, the achieved rate is printed). For
     * one in ten, as soon as the command service answers (the event is then stored), a poller reads {@code GET /api/systems/{id}} of
     * the query service every 10 ms until it answers 200. Lag = first 200 minus the command's answer (stored -> visible); also printed:
     * send -> visible. The 1-in-10 sample keeps the polling load small.
     */
    private void projectionLag() throws Exception {
        int rate = Integer.getInteger("bench.lagRate", 500);
        int runSeconds = Integer.getInteger("bench.lagSeconds", 30);
        int total = rate * runSeconds;
        String url = stack.commandServiceUrl() + "/api/systems";
        HttpClient pollClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(Executors.newFixedThreadPool(4)).build();
        ScheduledExecutorService pollers = Executors.newScheduledThreadPool(4);
        ConcurrentLinkedQueue<long[]> samples = new ConcurrentLinkedQueue<>(); // {sent, acknowledged, visible}
        AtomicLong errors = new AtomicLong();
        AtomicLong sampledOk = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(256);
        CountDownLatch answered = new CountDownLatch(total);
        double publishedBefore = counter(stack.commandServiceUrl(), "tracker.events.published");
        CpuUse cpuBefore = CpuUse.now(postgresData());
        long start = System.nanoTime();
        long period = 1_000_000_000L / rate;
        for (int i = 0; i < total; i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.acquire();
            boolean sampled = i % 10 == 0;
            long sent = System.nanoTime();
            http.sendAsync(post(url, String.format(REGISTER, i % 70, i)), HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long ack = System.nanoTime();
                inFlight.release();
                answered.countDown();
                if (e != null || r.statusCode() != 201) {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e != null ? e.toString() : r.statusCode() + " " + r.body());
                    return;
                }
                if (sampled) {
                    sampledOk.incrementAndGet();
                    String id = json.readTree(r.body()).get("id").asString();
                    pollUntilVisible(pollClient, pollers, stack.queryServiceUrl() + "/api/systems/" + id, sent, ack, samples);
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        answered.await(5, TimeUnit.MINUTES);
        double answeredSeconds = (System.nanoTime() - start) / 1e9;
        double published = counter(stack.commandServiceUrl(), "tracker.events.published") - publishedBefore;
        // every sampled system must become visible: the publisher may still be draining the event store
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (samples.size() < sampledOk.get() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double allVisibleSeconds = (System.nanoTime() - start) / 1e9;
        double publishedAll = counter(stack.commandServiceUrl(), "tracker.events.published") - publishedBefore;
        String cpu = CpuUse.now(postgresData()).since(cpuBefore, total, "registration");
        awaitQueryCaughtUp(Duration.ofMinutes(10));
        pollers.shutdownNow();
        Latencies storedToVisible = new Latencies();
        Latencies sentToVisible = new Latencies();
        for (long[] s : samples) {
            storedToVisible.add(s[2] - s[1]);
            sentToVisible.add(s[2] - s[0]);
        }
        row(String.format("projection lag at a steady %d events/s asked (%,d registrations)", rate, total),
                String.format("stored -> visible: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d samples); send -> visible: p50 %.0f ms, p99 %.0f ms",
                        storedToVisible.percentileMillis(50), storedToVisible.percentileMillis(99), storedToVisible.maxMillis(),
                        storedToVisible.count(), sentToVisible.percentileMillis(50), sentToVisible.percentileMillis(99)),
                String.format("achieved: sent in %.1f s (%,.0f/s), all answered after %.1f s (%,.0f/s)%s; by then %,.0f events published"
                                + " to Kafka; every sampled system visible after %.1f s (%,.0f published by then); query service's own timer"
                                + " tracker.projection.lag: %s",
                        sendSeconds, total / sendSeconds, answeredSeconds, total / answeredSeconds,
                        errors.get() > 0 ? ", " + errors.get() + " errors, first: " + abbreviate(firstError.get()) : "", published,
                        allVisibleSeconds, publishedAll, serverLag()) + "; from the first send until every sample was visible, " + cpu,
                "p99 < 1 s");
    }

    private void pollUntilVisible(HttpClient client, ScheduledExecutorService pollers, String url, long sent, long ack,
            ConcurrentLinkedQueue<long[]> samples) {
        pollers.execute(new Runnable() {
            @Override
            public void run() {
                try {
                    HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                            .header("Authorization", bearer(url)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        samples.add(new long[] {sent, ack, System.nanoTime()});
                        return;
                    }
                } catch (IOException e) {
                    // try again
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (!pollers.isShutdown()) {
                    try {
                        pollers.schedule(this, 10, TimeUnit.MILLISECONDS);
                    } catch (java.util.concurrent.RejectedExecutionException stopped) {
                        // the phase is over
                    }
                }
            }
        });
    }

    /** Where the stack's PostgreSQL keeps its data (LocalStack's layout), by which {@link CpuUse} finds the server. */
    private Path postgresData() {
        return stack.dataDirectory().resolve("postgres");
    }

    private double counter(String service, String name) {
        try {
            return measurement(getJson(service + "/actuator/metrics/" + name), "COUNT");
        } catch (Exception e) {
            return Double.NaN;
        }
    }

    /**
     * The command service's sequencer: how long after its store an event was in the log (hash chain and Merkle tree), from its Prometheus
     * page (percentiles over the last minutes), and how many events the log holds.
     */
    private String logDelay() {
        try {
            // the log integrates soon after the commands stopped: let it finish before reading
            Thread.sleep(1000);
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.commandServiceUrl() + "/actuator/prometheus"))
                    .header("Authorization", bearer("/actuator/")).GET().build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Double> values = new HashMap<>();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("tracker_log_")) {
                    int space = line.lastIndexOf(' ');
                    values.put(line.substring(0, space).replace(",}", "}"), Double.parseDouble(line.substring(space + 1)));
                }
            }
            return String.format("sequencer delay (stored -> in the log) p50 %.0f ms, p99 %.0f ms, max %.0f ms over %.0f events; log of %.0f",
                    values.getOrDefault("tracker_log_integration_delay_seconds{quantile=\"0.5\"}", Double.NaN) * 1000,
                    values.getOrDefault("tracker_log_integration_delay_seconds{quantile=\"0.99\"}", Double.NaN) * 1000,
                    values.getOrDefault("tracker_log_integration_delay_seconds_max", Double.NaN) * 1000,
                    values.getOrDefault("tracker_log_integration_delay_seconds_count", Double.NaN),
                    values.getOrDefault("tracker_log_tree_size", Double.NaN));
        } catch (Exception e) {
            return "sequencer delay not available (" + e + ")";
        }
    }

    /** The query service's own timer, from its Prometheus page (percentiles over the last minutes, as Micrometer keeps them). */
    private String serverLag() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.queryServiceUrl() + "/actuator/prometheus"))
                    .header("Authorization", bearer("/actuator/")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            Map<String, String> values = new HashMap<>();
            for (String line : r.body().split("\n")) {
                if (line.startsWith("tracker_projection_lag_seconds")) {
                    int space = line.lastIndexOf(' ');
                    values.put(line.substring(0, space), line.substring(space + 1));
                }
            }
            return String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms, count %s", seconds(values, "{quantile=\"0.5\"}"),
                    seconds(values, "{quantile=\"0.99\"}"), seconds(values, "_max"), values.getOrDefault("tracker_projection_lag_seconds_count", "?"));
        } catch (Exception e) {
            return "not available (" + e + ")";
        }
    }

    private static double seconds(Map<String, String> values, String suffix) {
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (e.getKey().startsWith("tracker_projection_lag_seconds" + suffix.charAt(0)) && e.getKey().endsWith(suffix.substring(1))
                    && (suffix.startsWith("{") || e.getKey().startsWith("tracker_projection_lag_seconds_max"))) {
                return Double.parseDouble(e.getValue()) * 1000;
            }
        }
        return Double.NaN;
    }

    // ---------------------------------------------------------------------------------------------------------- load and heap

    private void loadAndHeap(long events) throws Exception {
        long systems = events / 2;
        System.out.printf("publishing %,d synthetic events (%,d systems: registration + classification) to %s ...%n", events, systems,
                Topics.EVENTS);
        long publishStart = System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            AtomicReference<Exception> failed = new AtomicReference<>();
            EnvelopeSigner signer = stack.envelopeSigner();
            List<EventEnvelope> batch = new ArrayList<>();
            LocalDate since = LocalDate.of(2023, 3, 1);
            for (long n = 0; n < systems; n++) {
                String id = UUID.randomUUID().toString();
                String org = "Synthetic org " + (n % 200);
                Map<String, String> metadata = Map.of("actor", "bench", "organisation", org);
                Instant now = Instant.now();
                AiSystemRegistered registered = new AiSystemRegistered(id, org, "System " + n, "synthetic", Phase.IN_USE, "benchmark",
                        DevelopedBy.PURCHASED, "Supplier", "Model", false, Role.DEPLOYER, true, since.plusDays(n % 900));
                RiskClass riskClass = RiskClass.values()[(int) (n % RiskClass.values().length)];
                RiskClassified classified = new RiskClassified(id, since.plusDays(n % 900), riskClass, basesFor(riskClass), false,
                        GpaiRelation.NONE, "synthetic", RiskClass.UNKNOWN, false);
                batch.add(new EventEnvelope(UUID.randomUUID().toString(), id, 0, -1, "AiSystemRegistered", now, metadata,
                        json.valueToTree(registered)));
                batch.add(new EventEnvelope(UUID.randomUUID().toString(), id, 1, -1, "RiskClassified", now, metadata,
                        json.valueToTree(classified)));
                if (batch.size() >= SIGNED_BATCH || n == systems - 1) {
                    // signed as the command service's publisher signs: one signature per batch (consumers refuse unsigned envelopes)
                    for (EventEnvelope envelope : signer.sign(batch)) {
                        send(producer, envelope, failed);
                    }
                    batch.clear();
                }
            }
            producer.flush();
            if (failed.get() != null) {
                throw failed.get();
            }
        }
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        rawProducerRate = events / publishSeconds;
        CpuUse published = CpuUse.now(postgresData());
        awaitQueryCaughtUp(Duration.ofMinutes(60));
        double caughtUpSeconds = (System.nanoTime() - publishStart) / 1e9;
        String cpu = CpuUse.now(postgresData()).since(published, events, "event");
        row(String.format("live projection of %,d published events", events),
                String.format("query service caught up %.1f s after the first send = %,.0f events/s; after the last send, %s", caughtUpSeconds,
                        events / caughtUpSeconds, cpu),
                String.format("raw Kafka producer (acks=all, from this JVM): %,.0f events/s (%.1f s); projection = %s of raw",
                        events / publishSeconds, publishSeconds, percent(events / caughtUpSeconds, events / publishSeconds)),
                ">= 50% of the raw producer");

        heap(systems);
    }

    private static List<ClassificationBasis> basesFor(RiskClass riskClass) {
        switch (riskClass) {
            case PROHIBITED:
                return List.of(new ClassificationBasis(BasisKind.ART5_PRACTICE, "5(1)(f)"));
            case HIGH:
                return List.of(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)"));
            case LIMITED:
                return List.of(new ClassificationBasis(BasisKind.ART50_TYPE, "50(1)"));
            default:
                return List.of();
        }
    }

    private void send(KafkaProducer<String, String> producer, EventEnvelope envelope, AtomicReference<Exception> failed) {
        producer.send(new ProducerRecord<>(Topics.EVENTS, envelope.aggregateId(), json.writeValueAsString(envelope)), (m, e) -> {
            if (e != null) {
                failed.compareAndSet(null, e);
            }
        });
    }

    private void heap(long systems) throws Exception {
        Optional<ProcessHandle> query = serviceProcesses("query-service.jar").stream().findFirst();
        String xmx = "unknown";
        String gc = "no GC forced (query service's process not found)";
        if (query.isPresent()) {
            String commandLine = query.get().info().commandLine().orElse("");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("-Xmx(\\S+)").matcher(commandLine);
            xmx = m.find() ? m.group(1) : "JVM default";
            Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(query.get().pid()), "GC.run").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            gc = p.waitFor() == 0 ? "after jcmd " + query.get().pid() + " GC.run" : "jcmd failed: " + out;
        }
        Thread.sleep(500);
        double used = measurement(getJson(stack.queryServiceUrl() + "/actuator/metrics/jvm.memory.used?tag=area:heap"), "VALUE");
        double committed = measurement(getJson(stack.queryServiceUrl() + "/actuator/metrics/jvm.memory.committed?tag=area:heap"), "VALUE");
        row(String.format("query-service heap with %,d systems loaded", systems),
                String.format("used %.0f MB, committed %.0f MB (%s)", used / 1048576, committed / 1048576, gc),
                "query service's -Xmx " + xmx, "<= 512 MB at 100k systems");
    }

    // -------------------------------------------------------------------------------------------------------------- rebuild

    private void rebuildAgainstRawConsumer() throws Exception {
        // the raw limit: a plain consumer reading the whole topic from its start, in this JVM
        long rawCount = 0;
        long rawBytes = 0;
        long rawStart = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                ConsumerRecords<String, String> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, String> r : records) {
                    rawCount++;
                    rawBytes += r.serializedValueSize();
                }
            }
        }
        double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
        double rawRate = rawCount / rawSeconds;

        String path = stack.queryServiceUrl() + "/api/admin/projections/systems/rebuild";
        int logLines = queryServiceLogLines();
        CpuUse cpuBefore = CpuUse.now(postgresData());
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", bearer(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + accepted.statusCode() + " " + accepted.body());
        }
        JsonNode status = getJson(path);
        long lastPrint = System.nanoTime();
        while (status.get("running").asBoolean()) {
            Thread.sleep(500);
            status = getJson(path);
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
                System.out.printf("rebuild: %,d of %,d events, %,.0f events/s%n", status.get("eventsDone").asLong(),
                        status.get("eventsTotal").asLong(), status.get("eventsPerSecond").asDouble());
                lastPrint = System.nanoTime();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String cpu = CpuUse.now(postgresData()).since(cpuBefore, status.get("eventsDone").asLong(), "event");
        double rate = status.get("eventsPerSecond").asDouble();
        row(String.format("projection rebuild of N = %,d events", status.get("eventsTotal").asLong()),
                String.format("%,.0f events/s (service's figure, from the replay's start to the finish's end: %,d events done; %.1f s wall"
                        + " clock from POST to done); %s; %s", rate, status.get("eventsDone").asLong(), wall, rebuildParts(status, logLines), cpu),
                String.format("raw Kafka consumer from the start: %,.0f events/s (%,d events, %.1f MB in %.2f s); rebuild = %s of raw",
                        rawRate, rawCount, rawBytes / 1048576.0, rawSeconds, percent(rate, rawRate)),
                ">= 20,000 events/s and >= 30% of raw");
        feedDrainAfterRebuild(wall);
    }

    private static final java.util.regex.Pattern FOLDED = java.util.regex.Pattern.compile(
            "folded in (\\d+) slices.*fold (\\d+) ms, indexes and portfolio counts (\\d+) ms, swap (\\d+) ms");
    private static final java.util.regex.Pattern FINISHED = java.util.regex.Pattern.compile("\\((\\d+) ms to finish it\\)");

    private Path queryServiceLog() {
        return stack.dataDirectory().resolve("logs").resolve("query-service.log");
    }

    /** How many lines the query service's log has now (a rebuild's parts are read from the lines after). */
    private int queryServiceLogLines() {
        try {
            return Files.readAllLines(queryServiceLog()).size();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The query service's log lines after the first {@code before}. */
    private List<String> queryServiceLogAfter(int before) throws IOException {
        List<String> lines = Files.readAllLines(queryServiceLog());
        return lines.subList(Math.min(before, lines.size()), lines.size());
    }

    /**
     * Where a rebuild's time went, from the service's status (its replay's start and its finish's end) and the query service's log (the
     * last rebuild's finish: the fold, the indexes and portfolio counts, the swap with the feed's queue): the replay is the time before
     * the finish.
     */
    private String rebuildParts(JsonNode status, int logLinesBefore) {
        String folded = null;
        String finished = null;
        try {
            // this rebuild's lines only (the finish's is written just after the status says done: looked for a few times)
            List<String> lines = queryServiceLogAfter(logLinesBefore);
            for (int tries = 0; tries < 10 && lines.stream().noneMatch(line -> line.contains("ms to finish it")); tries++) {
                Thread.sleep(200);
                lines = queryServiceLogAfter(logLinesBefore);
            }
            for (String line : lines) {
                if (line.contains("Projection rebuilt: ")) {
                    folded = line;
                } else if (line.contains("ms to finish it")) {
                    finished = line;
                }
            }
        } catch (IOException e) {
            return "its parts not read (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "its parts not read (interrupted)";
        }
        java.util.regex.Matcher fold = FOLDED.matcher(folded == null ? "" : folded);
        java.util.regex.Matcher finish = FINISHED.matcher(finished == null ? "" : finished);
        if (!fold.find() || !finish.find() || status.get("startedAt").isNull() || status.get("finishedAt").isNull()) {
            return "its parts not in the query service's log";
        }
        double total = Duration.between(Instant.parse(status.get("startedAt").asString()), Instant.parse(status.get("finishedAt").asString()))
                .toMillis() / 1000.0;
        double finishing = Long.parseLong(finish.group(1)) / 1000.0;
        return String.format("of its %.1f s: replay %.1f s, finish %.1f s (fold in %s slices %.1f s, indexes and portfolio counts %.1f s,"
                + " swap and feed queue %.1f s)", total, total - finishing, finishing, fold.group(1), Long.parseLong(fold.group(2)) / 1000.0,
                Long.parseLong(fold.group(3)) / 1000.0, Long.parseLong(fold.group(4)) / 1000.0);
    }

    /**
     * The obligations feed after a rebuild (which queues every system): how fast the query service's publisher empties its queue
     * ({@code query.feed_pending}, counted over JDBC every 0.2 s from the rebuild's end), beside the raw producer's rate.
     */
    private void feedDrainAfterRebuild(double rebuildSeconds) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
                Statement s = c.createStatement()) {
            double publishedBefore = counter(stack.queryServiceUrl(), "tracker.obligations.feed.published");
            long start = System.nanoTime();
            long first = -1;
            long pending;
            long lastPrint = start;
            do {
                try (var rs = s.executeQuery("SELECT count(*) FROM query.feed_pending")) {
                    rs.next();
                    pending = rs.getLong(1);
                }
                if (first < 0) {
                    first = pending;
                }
                if (pending > 0) {
                    Thread.sleep(200);
                }
                if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
                    System.out.printf("obligations feed: %,d messages still queued%n", pending);
                    lastPrint = System.nanoTime();
                }
            } while (pending > 0 && System.nanoTime() - start < TimeUnit.MINUTES.toNanos(30));
            double seconds = (System.nanoTime() - start) / 1e9;
            double published = counter(stack.queryServiceUrl(), "tracker.obligations.feed.published") - publishedBefore;
            row("obligations feed to the notifier after the rebuild",
                    String.format("%,d messages queued when the rebuild ended, %s after %.1f s; %,.0f published meanwhile = %,.0f messages/s",
                            first, pending == 0 ? "queue empty" : String.format("%,d STILL QUEUED", pending), seconds, published,
                            published / seconds),
                    String.format("raw Kafka producer (acks=all, from this JVM, live projection phase): %,.0f messages/s; feed = %s of raw",
                            rawProducerRate, percent(published / seconds, rawProducerRate)),
                    "drained at >= 50% of the raw producer");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------- scale

    /**
     * The query side at scale: {@code systems} synthetic systems of five events each (registration in experiment, classification, put
     * into service, a fundamental-rights impact assessment, evidence for one obligation) published straight to the topic, then a rebuild
     * of the whole topic (its wall time; asked right after publishing, so that it also loads the projection faster than the live
     * consumer would), the query service's heap after a GC, and the latency of the pages people open, one client, after a warm-up:
     * the portfolio, an organisation's inventory list, a system's page (its view, history and obligations) and an organisation's
     * obligations list.
     */
    private void scale(long systems) throws Exception {
        // the notifier would take in the same events (and the rebuilt obligations feed) meanwhile, competing for the 2 cores with the
        // rebuild measured here, which in production replays in the query service alone: it is frozen (SIGSTOP) until the phase ends
        List<ProcessHandle> notifier = serviceProcesses("notifier.jar");
        signal("STOP", notifier);
        try {
            scaleQuerySide(systems);
        } finally {
            signal("CONT", notifier);
        }
    }

    private void scaleQuerySide(long systems) throws Exception {
        long events = systems * 5;
        System.out.printf("scale: publishing %,d synthetic events (%,d systems, five events each) to %s ...%n", events, systems, Topics.EVENTS);
        long publishStart = System.nanoTime();
        List<String> sample = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            AtomicReference<Exception> failed = new AtomicReference<>();
            EnvelopeSigner signer = stack.envelopeSigner();
            List<EventEnvelope> batch = new ArrayList<>();
            LocalDate since = LocalDate.of(2023, 3, 1);
            java.util.Random random = new java.util.Random(21);
            for (long n = 0; n < systems; n++) {
                String id = UUID.randomUUID().toString();
                if (n % (systems / 500 + 1) == 0) {
                    sample.add(id);
                }
                String org = "Scale org " + (n % SCALE_ORGANISATIONS);
                Map<String, String> metadata = Map.of("actor", "bench", "organisation", org);
                Instant now = Instant.now();
                LocalDate day = since.plusDays(n % 900);
                RiskClass riskClass = RiskClass.values()[(int) (n % RiskClass.values().length)];
                Object[] payloads = {
                    new AiSystemRegistered(id, org, "System " + n, "synthetic at scale", Phase.EXPERIMENT, "benchmark",
                            DevelopedBy.PURCHASED, "Supplier " + (n % 37), "Model", false, Role.DEPLOYER, true, day),
                    new RiskClassified(id, day, riskClass, basesFor(riskClass), false, GpaiRelation.NONE, "synthetic", RiskClass.UNKNOWN,
                            false),
                    new eu.aiact.tracker.api.system.SystemPutIntoService(id, day.plusDays(30 + random.nextInt(300)), Phase.EXPERIMENT),
                    new eu.aiact.tracker.api.compliance.AssessmentRecorded(id, "fria-" + n,
                            eu.aiact.tracker.api.compliance.AssessmentType.FRIA, null,
                            eu.aiact.tracker.api.compliance.AssessmentStatus.DONE, day.plusDays(20), "FRIA-" + n, null),
                    new eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded(id, "ART4-LITERACY",
                            eu.aiact.tracker.api.compliance.EvidenceKind.FULFILLED, "Staff trained", null, day.plusDays(40))};
                for (int seq = 0; seq < payloads.length; seq++) {
                    batch.add(new EventEnvelope(UUID.randomUUID().toString(), id, seq, -1, payloads[seq].getClass().getSimpleName(), now,
                            metadata, json.valueToTree(payloads[seq])));
                }
                if (batch.size() >= SIGNED_BATCH || n == systems - 1) {
                    // signed as the publisher signs (consumers refuse unsigned envelopes: unsigned, every one was a dead letter)
                    for (EventEnvelope envelope : signer.sign(batch)) {
                        send(producer, envelope, failed);
                    }
                    batch.clear();
                }
                if (n > 0 && n % 200_000 == 0) {
                    System.out.printf("scale: %,d systems published%n", n);
                }
            }
            producer.flush();
            if (failed.get() != null) {
                throw failed.get();
            }
        }
        double publishSeconds = (System.nanoTime() - publishStart) / 1e9;
        System.out.printf("scale: %,d events published in %.1f s (%,.0f/s); rebuilding ...%n", events, publishSeconds, events / publishSeconds);

        String path = stack.queryServiceUrl() + "/api/admin/projections/systems/rebuild";
        int logLines = queryServiceLogLines();
        CpuUse cpuBefore = CpuUse.now(postgresData());
        long start = System.nanoTime();
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create(path)).header("Authorization", bearer(path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("rebuild refused: " + accepted.statusCode() + " " + accepted.body());
        }
        JsonNode status = getJson(path);
        long lastPrint = System.nanoTime();
        while (status.get("running").asBoolean()) {
            Thread.sleep(1000);
            status = getJson(path);
            if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(30)) {
                System.out.printf("scale rebuild: %,d of %,d events, %,.0f events/s%n", status.get("eventsDone").asLong(),
                        status.get("eventsTotal").asLong(), status.get("eventsPerSecond").asDouble());
                lastPrint = System.nanoTime();
            }
        }
        double wall = (System.nanoTime() - start) / 1e9;
        String cpu = CpuUse.now(postgresData()).since(cpuBefore, status.get("eventsDone").asLong(), "event");
        row(String.format("scale: rebuild of N = %,d events (%,d systems)", status.get("eventsTotal").asLong(), systems),
                String.format("%.0f s wall clock from POST to done (%,.0f events/s, service's figure); %s; %s", wall,
                        status.get("eventsPerSecond").asDouble(), rebuildParts(status, logLines), cpu),
                String.format("raw Kafka producer of the same events: %,.0f events/s", events / publishSeconds), "");
        awaitQueryCaughtUp(Duration.ofMinutes(30));
        HttpResponse<Void> projected = http.send(HttpRequest.newBuilder(URI.create(stack.queryServiceUrl() + "/api/systems/" + sample.get(0)))
                .header("Authorization", bearer(stack.queryServiceUrl() + "/api/")).GET().build(), HttpResponse.BodyHandlers.discarding());
        if (projected.statusCode() != 200) {
            throw new IllegalStateException("scale: system " + sample.get(0) + " is not projected after the rebuild (HTTP "
                    + projected.statusCode() + "): the synthetic events were refused (see the query service's dead letters)");
        }
        heap(systems);

        java.util.Random pick = new java.util.Random(7);
        String auditor = "/api/";
        List<String[]> pages = List.of(
                new String[] {"portfolio (GET /api/portfolio)", "/api/portfolio"},
                new String[] {"an organisation's inventory list (GET /api/systems?organisation=&limit=100)", "/api/systems?limit=100&organisation="},
                new String[] {"a system's page (GET /api/systems/{id}, its history and its obligations)", "/api/systems/"},
                new String[] {"an organisation's obligations list (GET /api/obligations?organisation=&limit=100)",
                        "/api/obligations?limit=100&organisation="});
        for (String[] page : pages) {
            Latencies latencies = new Latencies();
            long errors = 0;
            // 200 timed requests after a warm-up of 20 (or of 10 s, when that comes first), or as many as fit in bench.pageSeconds
            // (at 1,000,000 systems one portfolio request took 28 s: 220 of them would take hours); at least 2 timed
            long pageStart = System.nanoTime();
            long warmedAt = pageStart + TimeUnit.SECONDS.toNanos(10);
            long pageDeadline = pageStart + TimeUnit.SECONDS.toNanos(Long.getLong("bench.pageSeconds", 60));
            boolean warm = false;
            for (int i = 0; latencies.count() < 200 && (latencies.count() < 2 || System.nanoTime() < pageDeadline); i++) {
                String id = sample.get(pick.nextInt(sample.size()));
                String org = java.net.URLEncoder.encode("Scale org " + pick.nextInt(SCALE_ORGANISATIONS), StandardCharsets.UTF_8);
                List<String> urls = switch (page[1]) {
                    case "/api/systems/" -> List.of("/api/systems/" + id, "/api/systems/" + id + "/history",
                            "/api/systems/" + id + "/obligations");
                    case "/api/portfolio" -> List.of("/api/portfolio");
                    default -> List.of(page[1] + org);
                };
                long t = System.nanoTime();
                for (String url : urls) {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(stack.queryServiceUrl() + url))
                            .timeout(Duration.ofSeconds(60)).header("Authorization", bearer(stack.queryServiceUrl() + auditor)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() != 200) {
                        errors++;
                    }
                }
                if (warm) {
                    latencies.add(System.nanoTime() - t);
                }
                warm = warm || i >= 19 || System.nanoTime() >= warmedAt;
            }
            row("scale: " + page[0] + " with " + String.format("%,d", systems) + " systems",
                    String.format("p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d requests timed after a warm-up, one client%s)",
                            latencies.percentileMillis(50), latencies.percentileMillis(99), latencies.maxMillis(), latencies.count(),
                            errors > 0 ? ", " + errors + " ERRORS" : ""), "", "p99 < 300 ms");
        }
    }

    private static final int SCALE_ORGANISATIONS = 200;

    // --------------------------------------------------------------------------------------------------------------- engine

    private void engine() throws IOException {
        Path report = Path.of(System.getProperty("bench.engineReport", "domain/target/engine-benchmark.txt"));
        String started = System.getProperty("bench.buildStarted", "");
        // the build's start, to the second (Maven's timestamp): a report from an earlier build is not shown
        long buildStarted = started.isBlank() ? Long.MAX_VALUE : Instant.parse(started).toEpochMilli() - 1000;
        if (Files.isRegularFile(report) && Files.getLastModifiedTime(report).toMillis() >= buildStarted) {
            List<String> lines = Files.readAllLines(report);
            row("obligation engine, 1,000,000 systems (ObligationEngineBenchmark, earlier in this build)", String.join("; ", lines),
                    "", "< 10 s");
        } else {
            row("obligation engine", "not measured in this run: run the documented command (with -am, so that domain's bench"
                    + " profile runs ObligationEngineBenchmark first)", "", "< 10 s");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------- sweep

    /**
     * The notifier's sweep: its decision alone (SweepDecisionBenchmark, run earlier in this build by notifier's bench profile), then the
     * whole sweep with its database over {@code bench.sweepObligations} tracked obligations loaded straight into the notifier's tables
     * ({@link NotifierSweepPhase}), timed through {@code POST /api/admin/sweeps}, and once more right after (every alert is stored by
     * then: nothing new). Raw limits: a plain SELECT of the same rows, a batched insert of as many alert and delivery rows.
     */
    private void sweep() throws Exception {
        Path report = Path.of(System.getProperty("bench.sweepReport", "notifier/target/sweep-benchmark.txt"));
        String started = System.getProperty("bench.buildStarted", "");
        long buildStarted = started.isBlank() ? Long.MAX_VALUE : Instant.parse(started).toEpochMilli() - 1000;
        String decision = Files.isRegularFile(report) && Files.getLastModifiedTime(report).toMillis() >= buildStarted
                ? "decision only (SweepDecisionBenchmark, earlier in this build): " + String.join("; ", Files.readAllLines(report))
                : "decision only: not measured in this run (run the documented command, with -am, so that notifier's bench profile runs"
                        + " SweepDecisionBenchmark first)";

        long n = Long.getLong("bench.sweepObligations", 1_000_000);
        // whatever earlier phases sent the notifier must be taken in before its tables are emptied and loaded
        awaitCaughtUp("notifier", "aiact.obligations", Duration.ofMinutes(30), Duration.ofSeconds(5));
        NotifierSweepPhase phase = new NotifierSweepPhase(stack, http, this::bearer, asOf);
        System.out.printf("loading %,d tracked obligations into the notifier's tables ...%n", n);
        NotifierSweepPhase.Loaded loaded = phase.load(n);
        System.out.printf("loaded %,d obligations of %,d systems (%d organisations) in %.1f s (COPY, then VACUUM ANALYZE); on %s %,d open"
                + " obligations are due or overdue and %,d due within 180 days; %,d alerts expected%n", loaded.obligations(),
                loaded.systems(), NotifierSweepPhase.ORGANISATIONS, loaded.seconds(), asOf, loaded.openDueOrOverdue(),
                loaded.openWithinHorizon(), loaded.expectedAlerts());
        NotifierSweepPhase.Timed readObligations = phase.rawRead("tracked_obligation");
        NotifierSweepPhase.Timed readSystems = phase.rawRead("tracked_system");
        System.out.printf("raw read: %,d obligations in %.2f s, %,d systems in %.2f s%n", readObligations.rows(), readObligations.seconds(),
                readSystems.rows(), readSystems.seconds());

        NotifierSweepPhase.Sweep first = phase.sweep();
        System.out.printf("first sweep: HTTP %d in %.2f s, %,d alerts and %,d deliveries stored, answer %,d bytes%s%n", first.status(),
                first.seconds(), first.newAlerts(), first.newDeliveries(), first.responseBytes(),
                first.failure() == null ? "" : "; failed: " + abbreviate(first.failure()));
        String measured;
        String raw = String.format("plain SELECT over JDBC from this JVM (fetch size 10,000, every column read): %,d obligations in %.2f s"
                + " (%,.0f rows/s) + %,d systems in %.2f s", readObligations.rows(), readObligations.seconds(), readObligations.rate(),
                readSystems.rows(), readSystems.seconds());
        if (first.failure() == null) {
            String fingerprint = phase.fingerprint();
            System.out.println("stored after the first sweep (md5, first 12 hex digits): " + fingerprint);
            NotifierSweepPhase.Sweep second = phase.sweep();
            System.out.printf("second sweep: HTTP %d in %.2f s, %,d alerts and %,d deliveries stored%s%n", second.status(),
                    second.seconds(), second.newAlerts(), second.newDeliveries(),
                    second.failure() == null ? "" : "; failed: " + abbreviate(second.failure()));
            NotifierSweepPhase.Timed[] inserts = phase.rawInsert(first.newAlerts(), first.newDeliveries());
            double read = readObligations.seconds() + readSystems.seconds();
            raw += String.format("; into empty copies of the tables (same indexes), one transaction each way: JDBC batches of 1,000"
                    + " INSERTs: %,d alert rows in %.2f s (%,.0f/s), %,d delivery rows in %.2f s (%,.0f/s); COPY: alerts in %.2f s"
                    + " (%,.0f/s), deliveries in %.2f s (%,.0f/s); read + batched inserts = %.2f s, read + COPY = %.2f s",
                    inserts[0].rows(), inserts[0].seconds(), inserts[0].rate(), inserts[1].rows(), inserts[1].seconds(), inserts[1].rate(),
                    inserts[2].seconds(), inserts[2].rate(), inserts[3].seconds(), inserts[3].rate(),
                    read + inserts[0].seconds() + inserts[1].seconds(), read + inserts[2].seconds() + inserts[3].seconds());
            measured = String.format("with its database (POST /api/admin/sweeps, end to end): %.2f s = %,.0f obligations/s; %,d alerts stored"
                    + " (%s the %,d the bench expects), %,d deliveries, answer %,.1f MB (md5 of what is stored: %s); second sweep right after: %.2f s, %,d new alerts%s",
                    first.seconds(), loaded.obligations() / first.seconds(), first.newAlerts(),
                    first.newAlerts() == loaded.expectedAlerts() ? "=" : "NOT", loaded.expectedAlerts(), first.newDeliveries(),
                    first.responseBytes() / 1048576.0, fingerprint, second.seconds(), second.newAlerts(),
                    second.failure() == null ? "" : " (failed: " + abbreviate(second.failure()) + ")");
        } else {
            measured = String.format("with its database (POST /api/admin/sweeps): FAILED after %.1f s: %s; %,d alerts stored",
                    first.seconds(), abbreviate(first.failure()), first.newAlerts());
        }
        row(String.format("notifier sweep over %,d tracked obligations (%,d systems), with its database", loaded.obligations(),
                loaded.systems()), measured + "; " + decision, raw, "< 10 s");
    }

    // -------------------------------------------------------------------------------------------------------------- helpers

    /** Waits until the query service's consumer group has committed the end offset of every partition of the events topic. */
    private void awaitQueryCaughtUp(Duration timeout) throws Exception {
        awaitCaughtUp(GROUP, Topics.EVENTS, timeout, Duration.ZERO);
    }

    /**
     * Waits until the consumer group has committed the end offset of every partition of the topic, and the end offsets have not moved
     * for {@code quiet} (a topic that does not exist yet counts as caught up).
     */
    private void awaitCaughtUp(String group, String topic, Duration timeout, Duration quiet) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            if (!admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic)) {
                return;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            long lastPrint = System.nanoTime();
            long lastEnd = -1;
            long endSince = System.nanoTime();
            while (true) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get(10, TimeUnit.SECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                        .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
                long behind = 0;
                long end = 0;
                for (Map.Entry<TopicPartition, org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo> e
                        : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    behind += e.getValue().offset() - (c == null ? 0 : c.offset());
                    end += e.getValue().offset();
                }
                if (end != lastEnd) {
                    lastEnd = end;
                    endSince = System.nanoTime();
                }
                if (behind <= 0 && System.nanoTime() - endSince >= quiet.toNanos()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(group + " still " + behind + " records behind on " + topic + " after " + timeout);
                }
                if (System.nanoTime() - lastPrint > TimeUnit.SECONDS.toNanos(15)) {
                    System.out.printf("waiting for %s: %,d records behind on %s%n", group, behind, topic);
                    lastPrint = System.nanoTime();
                }
                Thread.sleep(200);
            }
        }
    }

    private JsonNode getJson(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", bearer(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered " + r.statusCode());
        }
        return json.readTree(r.body());
    }

    private static double measurement(JsonNode metric, String statistic) {
        for (JsonNode m : metric.get("measurements")) {
            if (statistic.equals(m.get("statistic").asString())) {
                return m.get("value").asDouble();
            }
        }
        return Double.NaN;
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 160 ? text : text.substring(0, 160) + "...";
    }

    private static String percent(double value, double limit) {
        return String.format("%.0f%%", 100 * value / limit);
    }

    private void row(String what, String measured, String raw, String target) {
        summary.add(new String[] {what, measured, raw, target});
        System.out.println("== " + what + ": " + measured + (raw.isEmpty() ? "" : " | " + raw) + (target.isEmpty() ? "" : " | target " + target));
    }

    private void printSummary() {
        System.out.println();
        System.out.println("load average at the end: " + loadAverage());
        System.out.println("================================================ pipeline benchmark ================================================");
        for (String[] r : summary) {
            System.out.println("* " + r[0]);
            System.out.println("    measured:  " + r[1]);
            if (!r[2].isEmpty()) {
                System.out.println("    raw limit: " + r[2]);
            }
            if (!r[3].isEmpty()) {
                System.out.println("    target:    " + r[3]);
            }
        }
        System.out.println("=====================================================================================================================");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
