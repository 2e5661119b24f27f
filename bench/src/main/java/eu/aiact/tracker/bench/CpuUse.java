package eu.aiact.tracker.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The CPU time each process of the local stack used, from the operating system ({@link ProcessHandle.Info#totalCpuDuration()}): taken
 * before and after a phase, the difference says where the machine's cores went while it ran (the stack's services, PostgreSQL's
 * backends, and this benchmark's own JVM with the embedded Kafka broker and the clients).
 */
final class CpuUse {

    /** What a process is called in the report, by a part of its command line; the first that matches wins. */
    private static final String[][] NAMES = {
        {"command-service.jar", "command service"},
        {"query-service.jar", "query service"},
        {"notifier.jar", "notifier"},
        {"web.jar", "web"},
    };
    private static final String POSTGRES = "PostgreSQL (server and backends)";

    private final Map<String, Duration> byProcess;
    private final long takenAtNanos;

    private CpuUse(Map<String, Duration> byProcess, long takenAtNanos) {
        this.byProcess = byProcess;
        this.takenAtNanos = takenAtNanos;
    }

    /** Now; PostgreSQL is the server whose command line names {@code postgresData}, with its backends. */
    static CpuUse now(java.nio.file.Path postgresData) {
        Map<String, Duration> use = new LinkedHashMap<>();
        for (String[] name : NAMES) {
            use.put(name[1], Duration.ZERO);
        }
        use.put(POSTGRES, Duration.ZERO);
        String data = postgresData.normalize().toString(); // as given: pg_ctl may have made it absolute
        try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
            all.filter(p -> p.info().command().orElse("").endsWith("postgres") && p.info().commandLine().orElse("").contains(data))
                    .forEach(server -> {
                        use.merge(POSTGRES, server.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
                        try (Stream<ProcessHandle> backends = server.descendants()) {
                            backends.forEach(b -> use.merge(POSTGRES, b.info().totalCpuDuration().orElse(Duration.ZERO), Duration::plus));
                        }
                    });
        }
        use.put("bench JVM (clients, Kafka broker)", ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO));
        try (Stream<ProcessHandle> descendants = ProcessHandle.current().descendants()) {
            descendants.forEach(p -> {
                ProcessHandle.Info info = p.info();
                String commandLine = info.commandLine().orElse(info.command().orElse(""));
                for (String[] name : NAMES) {
                    if (commandLine.contains(name[0])) {
                        use.merge(name[1], info.totalCpuDuration().orElse(Duration.ZERO), Duration::plus);
                        break;
                    }
                }
            });
        }
        return new CpuUse(use, System.nanoTime());
    }

    /**
     * The CPU seconds used since {@code before}, per process, beside the wall time and the cores; with {@code perUnit} units of work done,
     * also milliseconds of CPU per unit.
     */
    String since(CpuUse before, long perUnit, String unit) {
        double wall = (takenAtNanos - before.takenAtNanos) / 1e9;
        StringBuilder text = new StringBuilder(String.format("CPU used in %.1f s on %d cores:", wall, Runtime.getRuntime().availableProcessors()));
        double total = 0;
        for (Map.Entry<String, Duration> e : byProcess.entrySet()) {
            double used = (e.getValue().toNanos() - before.byProcess.getOrDefault(e.getKey(), Duration.ZERO).toNanos()) / 1e9;
            if (used < 0.05) {
                continue;
            }
            total += used;
            text.append(String.format(" %s %.1f s", e.getKey(), used));
            if (perUnit > 0) {
                text.append(String.format(" (%.1f ms/%s)", used * 1000 / perUnit, unit));
            }
            text.append(',');
        }
        text.append(String.format(" in all %.1f s = %.0f%% of the machine", total, 100 * total / (wall * Runtime.getRuntime().availableProcessors())));
        return text.toString();
    }
}
