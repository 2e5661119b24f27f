package eu.aiact.tracker.bench;

import java.io.IOException;
import java.io.InputStream;
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
import java.time.temporal.ChronoUnit;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Function;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import eu.aiact.tracker.local.LocalStack;

/**
 * The notifier's sweep with its database: N tracked obligations loaded straight into the notifier's tables (COPY), shaped as the
 * intake stores them, then {@code POST /api/admin/sweeps} timed end to end, twice (the second finds every alert stored). Raw limits
 * beside it: a plain {@code SELECT} of the same rows over JDBC from this JVM, and a batched insert of as many alert (and delivery) rows
 * as the sweep stored, into scratch copies of the notifier's tables.
 *
 * <p>The data is deterministic (a fixed seed and the benchmark's date, today); the notifier runs on the same date (its real
 * clock: a sweep on another date would be a simulation, stored apart), and the bench counts, while generating, how many alerts the notifier's rules decide on that date, so that a sweep that
 * stores a different number is visible at once.
 */
final class NotifierSweepPhase {

    /** Organisations the synthetic systems belong to (each with its recipients row, as the sweep looks up per alert). */
    static final int ORGANISATIONS = 200;
    /** The notifier's defaults (application.yml), which the bench does not change. */
    private static final int MAX_HORIZON = 180;
    private static final int EXPERIMENT_MAX_MONTHS = 12;
    /** The rules whose rulebook entry makes them critical when overdue (the obligations carry that property, as the feed does). */
    private static final Set<String> CRITICAL_WHEN_OVERDUE = Set.of("ART27-FRIA", "ART49-3-REGISTRATION");

    private static final String[][] RULES = {
            // code, title, article, requirement (the reason starts with it, as the query service's engine writes it)
            {"ART4-LITERACY", "AI literacy of staff operating the system (duty of effort)", "Art. 4",
                    "As amended, providers and deployers make efforts to foster a sufficient level of AI literacy of their staff operating or"
                            + " using the system"},
            {"ART26-DEPLOYER-DUTIES", "Deployer duties for a high-risk system", "Art. 26",
                    "Use the system according to its instructions, assign competent human oversight, ensure relevant input data, monitor"
                            + " its operation, keep its logs for at least six months and inform workers and affected persons"},
            {"ART27-FRIA", "Fundamental rights impact assessment before first use", "Art. 27",
                    "A deployer that is a body governed by public law assesses the impact on fundamental rights that the use of the system"
                            + " may produce, before deploying it, and notifies the market surveillance authority of the results"},
            {"ART49-3-REGISTRATION", "Register the use of the system in the EU database", "Art. 49(3)",
                    "A deployer that is a public authority registers itself, selects the system and registers its use in the EU database"
                            + " of Art 71 before putting it into service"},
            {"ART26-8-PROVIDER-REGISTERED", "Check that the provider registered the system in the EU database", "Art. 26(8)",
                    "A deployer that is a public authority must not use a high-risk system of Annex III that is not registered in the EU"
                            + " database; if it is not, it informs the provider or distributor"},
            {"ART50-1-INTERACTION", "Tell people they are interacting with an AI system", "Art. 50(1)",
                    "Systems intended to interact directly with natural persons are designed so that those persons are informed that they"
                            + " are interacting with an AI system"},
            {"NL-ALGORITMEREGISTER-HIGH-RISK", "Publish the system in the Dutch Algoritmeregister", "Kamerbrief 2022",
                    "Government organisations publish their high-risk algorithms in the national Algoritmeregister, with a description,"
                            + " the legal basis and the human oversight"},
    };

    private final LocalStack stack;
    private final HttpClient http;
    private final Function<String, String> bearer;
    private final LocalDate asOf;

    NotifierSweepPhase(LocalStack stack, HttpClient http, Function<String, String> bearer, LocalDate asOf) {
        this.stack = stack;
        this.http = http;
        this.bearer = bearer;
        this.asOf = asOf;
    }

    record Loaded(long obligations, long systems, double seconds, long expectedAlerts, long openDueOrOverdue, long openWithinHorizon) {
    }

    record Sweep(int status, double seconds, long newAlerts, long newDeliveries, long responseBytes, String failure) {
    }

    record Timed(long rows, double seconds) {
        double rate() {
            return rows / seconds;
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(stack.jdbcUrl(), LocalStack.DB_USER, LocalStack.DB_PASSWORD);
    }

    // ------------------------------------------------------------------------------------------------------------------ load

    /**
     * Empties the notifier's tracked systems, alerts and deliveries (whatever earlier phases left there), then loads the obligations with
     * COPY in one transaction, the recipients of every organisation, and {@code VACUUM ANALYZE}s the tables as a long-lived database
     * would have them.
     */
    Loaded load(long obligations) throws Exception {
        String now = Instant.now().toString();
        long start = System.nanoTime();
        long systems = 0;
        long expected = 0;
        long dueOrOverdue = 0;
        long withinHorizon = 0;
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE notifier.tracked_system, notifier.tracked_obligation, notifier.alert, notifier.delivery,"
                        + " notifier.message_alert");
            }
            try (PreparedStatement recipients = c.prepareStatement("""
                    INSERT INTO notifier.recipients (organisation, cio_office, reviewers, webhook_url, webhook_secret, digest, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, now())
                    ON CONFLICT (organisation) DO UPDATE SET cio_office = EXCLUDED.cio_office, reviewers = EXCLUDED.reviewers,
                        webhook_url = EXCLUDED.webhook_url, webhook_secret = EXCLUDED.webhook_secret, digest = EXCLUDED.digest""")) {
                for (int o = 0; o < ORGANISATIONS; o++) {
                    // every organisation has a CIO office; one in four a webhook, one in four wants a daily digest instead of mails
                    recipients.setString(1, organisation(o));
                    recipients.setString(2, "cio@sweep-organisation-" + o + ".example");
                    recipients.setString(3, "[\"reviewer@sweep-organisation-" + o + ".example\"]");
                    recipients.setString(4, o % 4 == 0 ? stack.webhookUrl() + "/sweep-" + o : null);
                    recipients.setString(5, o % 4 == 0 ? "bench-webhook-secret-" + o : null);
                    recipients.setBoolean(6, o % 4 == 1);
                    recipients.addBatch();
                }
                recipients.executeBatch();
            }
            // two passes over the same deterministic systems: their rows first (the obligations reference them), then the obligations
            CopyIn copy = copyIn(c, "COPY notifier.tracked_system (system_id, organisation, system_name, phase, paused, risk_class,"
                    + " experiment_started_on, in_service_since, ended_on, system_version, evaluated_on, evaluated_at, received_at)"
                    + " FROM STDIN (FORMAT csv)");
            StringBuilder rows = new StringBuilder(1 << 20);
            try {
                for (long made = 0; made < obligations; systems++) {
                    SyntheticSystem system = system(systems);
                    csv(rows, system.id, system.organisation, system.name, system.phase, system.paused ? "t" : "f", system.risk,
                            str(system.experimentStarted), str(system.inService), str(system.ended), "2", asOf.toString(), now, now);
                    made += system.obligations(obligations - made);
                    if (rows.length() > (1 << 20) - 4096) {
                        write(copy, rows);
                    }
                }
                write(copy, rows);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            copy = copyIn(c, "COPY notifier.tracked_obligation (system_id, code, organisation, system_name, title, article, bearer,"
                    + " due_date, status, rulebook, reason, source, phase, paused, risk_class, experiment_started_on, in_service_since,"
                    + " critical_when_overdue) FROM STDIN (FORMAT csv)");
            try {
                long made = 0;
                for (long n = 0; n < systems; n++) {
                    SyntheticSystem system = system(n);
                    if (system.phase.equals("EXPERIMENT") && system.experimentStarted != null
                            && !asOf.isBefore(system.experimentStarted.plusMonths(EXPERIMENT_MAX_MONTHS))) {
                        expected++;
                    }
                    int count = system.obligations(obligations - made);
                    for (int k = 0; k < count; k++) {
                        String[] rule = RULES[(int) ((n + k) % RULES.length)];
                        int s = system.random.nextInt(1000);
                        LocalDate due = asOf.plusDays(system.random.nextInt(-540, 901)); // 18 months back to 30 months ahead
                        String status;
                        if (s < 250) {
                            status = "FULFILLED";
                        } else if (s < 350) {
                            status = "NOT_APPLICABLE";
                            if (s < 280) {
                                due = null;
                            }
                        } else if (s < 355) {
                            status = "VIOLATION";
                        } else {
                            status = due.isBefore(asOf) ? "OVERDUE" : due.isAfter(asOf.plusDays(30)) ? "NOT_YET_DUE" : "DUE_SOON";
                        }
                        String reason = rule[2] + " (ai-act-2026-omnibus): " + rule[3] + ". Applies because the organisation is a deployer"
                                + " and a public authority, risk class " + system.risk + ", phase " + system.phase + ".";
                        csv(rows, system.id, rule[0], system.organisation, system.name, rule[1], rule[2], "DEPLOYER", str(due), status,
                                "ai-act-2026-omnibus", reason, "Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744,"
                                        + " Art 113 (reported)", system.phase, system.paused ? "t" : "f", system.risk,
                                str(system.experimentStarted), str(system.inService), CRITICAL_WHEN_OVERDUE.contains(rule[0]) ? "t" : "f");
                        // what the notifier's AlertDecider decides for it, with the notifier's default settings
                        boolean open = !status.equals("FULFILLED") && !status.equals("NOT_APPLICABLE");
                        if (status.equals("VIOLATION")) {
                            if (!system.paused || system.phase.equals("ENDED")) {
                                expected++; // a paused prohibited practice is not in use: no violation day
                            }
                        } else if (open && !system.phase.equals("ENDED") && due != null) {
                            long daysLeft = ChronoUnit.DAYS.between(asOf, due);
                            if (daysLeft <= 0) {
                                expected++;
                                dueOrOverdue++;
                                if (daysLeft < 0 && system.risk.equals("HIGH") && system.phase.equals("IN_USE") && !system.paused
                                        && CRITICAL_WHEN_OVERDUE.contains(rule[0])) {
                                    expected++;
                                }
                            } else if (daysLeft <= MAX_HORIZON) {
                                expected++;
                                withinHorizon++;
                            }
                        }
                    }
                    made += count;
                    if (rows.length() > (1 << 20) - 16384) {
                        write(copy, rows);
                    }
                }
                write(copy, rows);
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM ANALYZE notifier.tracked_system");
                s.execute("VACUUM ANALYZE notifier.tracked_obligation");
            }
        }
        return new Loaded(obligations, systems, (System.nanoTime() - start) / 1e9, expected, dueOrOverdue, withinHorizon);
    }

    private static CopyIn copyIn(Connection c, String sql) throws SQLException {
        return c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
    }

    /** One synthetic system, the same for the same number (its own seeded generator, also used for its obligations after). */
    private final class SyntheticSystem {
        final SplittableRandom random;
        final long n;
        final String id;
        final String organisation;
        final String name;
        final String phase;
        final String risk;
        final boolean paused;
        final LocalDate experimentStarted;
        final LocalDate inService;
        final LocalDate ended;

        SyntheticSystem(long n) {
            this.n = n;
            random = new SplittableRandom(20261123L * 31 + n);
            id = String.format("sweep-%08d", n);
            organisation = organisation((int) (n % ORGANISATIONS));
            name = "Sweep system " + n;
            int p = random.nextInt(100);
            phase = p < 15 ? "PLANNED" : p < 25 ? "EXPERIMENT" : p < 90 ? "IN_USE" : "ENDED";
            int r = random.nextInt(100);
            risk = r < 35 ? "HIGH" : r < 60 ? "LIMITED" : r < 90 ? "MINIMAL" : r < 98 ? "UNKNOWN" : "PROHIBITED";
            paused = random.nextInt(20) == 0;
            experimentStarted = phase.equals("PLANNED") ? null : asOf.minusDays(random.nextInt(900));
            inService = phase.equals("IN_USE") || phase.equals("ENDED") ? asOf.minusDays(random.nextInt(2000)) : null;
            ended = phase.equals("ENDED") ? asOf.minusDays(random.nextInt(300)) : null;
        }

        /** 3, 4 or 5 obligations (four on average), fewer when only that many are left to make. */
        int obligations(long left) {
            return (int) Math.min(3 + n % 3, left);
        }
    }

    private SyntheticSystem system(long n) {
        return new SyntheticSystem(n);
    }

    static String organisation(int o) {
        return "Sweep organisation " + o;
    }

    private static String str(LocalDate date) {
        return date == null ? null : date.toString();
    }

    /** One CSV line; null is an unquoted empty field (COPY's NULL in CSV), every other value is quoted. */
    private static void csv(StringBuilder out, String... values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values[i];
            if (v != null) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }

    private static void write(CopyIn copy, StringBuilder rows) throws SQLException {
        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        rows.setLength(0);
    }

    // --------------------------------------------------------------------------------------------------------------- raw read

    /** A plain SELECT of every row of the table over JDBC (streamed, 10,000 rows per fetch), each column read as the sweep reads it. */
    Timed rawRead(String table) throws SQLException {
        try (Connection c = connect()) {
            c.setAutoCommit(false);
            long start = System.nanoTime();
            long rows = 0;
            long checksum = 0;
            try (Statement s = c.createStatement()) {
                s.setFetchSize(10_000);
                try (ResultSet rs = s.executeQuery("SELECT * FROM notifier." + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object value = rs.getObject(i);
                            checksum += value == null ? 0 : 1;
                        }
                        rows++;
                    }
                }
            }
            c.commit();
            if (checksum < 0) {
                throw new IllegalStateException();
            }
            return new Timed(rows, (System.nanoTime() - start) / 1e9);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------- sweep

    Sweep sweep() throws Exception {
        long alertsBefore = count("alert");
        long deliveriesBefore = count("delivery");
        String url = stack.notifierUrl() + "/api/admin/sweeps";
        long start = System.nanoTime();
        int status;
        long bytes = 0;
        String failure = null;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(60))
                    .header("Authorization", bearer.apply(url)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            byte[] head = null;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[1 << 16];
                for (int read; (read = body.read(buffer)) >= 0;) {
                    if (head == null) {
                        head = java.util.Arrays.copyOf(buffer, Math.min(read, 300));
                    }
                    bytes += read;
                }
            }
            if (status != 200) {
                failure = "HTTP " + status + ": " + (head == null ? "" : new String(head, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            status = -1;
            failure = e.toString() + notifierDied();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Sweep(status, seconds, count("alert") - alertsBefore, count("delivery") - deliveriesBefore, bytes, failure);
    }

    /** What the notifier's log says about an OutOfMemoryError (it runs with -XX:+ExitOnOutOfMemoryError). */
    private String notifierDied() {
        try {
            Path log = stack.dataDirectory().resolve("logs").resolve("notifier.log");
            for (String line : Files.readAllLines(log)) {
                if (line.contains("OutOfMemoryError")) {
                    return " (notifier log: " + line.strip() + ")";
                }
            }
        } catch (IOException ignored) {
            // no log
        }
        return "";
    }

    /**
     * A digest of every stored alert (all fields but its id, creation time and dashboard link, which has the stack's random port) and of
     * every delivery (key, channel, organisation, status), in key order: the same data on the same date gives the same digest, whatever
     * the notifier's code, as long as it stores the same alerts and deliveries.
     */
    String fingerprint() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("""
                SELECT (SELECT md5(string_agg(md5(concat_ws('|', alert_key, kind, severity, audience, organisation, system_id, system_name,
                            code, title, article, source, due_date, days_left, horizon_days, reason, summary, moves, decided_on,
                            email_digest, digest_key)), '' ORDER BY alert_key)) FROM notifier.alert),
                       (SELECT md5(string_agg(md5(concat_ws('|', alert_key, channel, organisation, status)), '' ORDER BY alert_key, channel))
                        FROM notifier.delivery)""")) {
            rs.next();
            return "alerts " + abbreviated(rs.getString(1)) + ", deliveries " + abbreviated(rs.getString(2));
        }
    }

    private static String abbreviated(String md5) {
        return md5 == null ? "none" : md5.substring(0, 12);
    }

    long count(String table) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM notifier." + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    // ------------------------------------------------------------------------------------------------------------ raw insert

    private static final String ALERT_COLUMNS = "alert_key, kind, severity, audience, organisation, system_id, system_name, code, title,"
            + " article, source, due_date, days_left, horizon_days, reason, summary, dashboard_url, moves, decided_on, created_at, email_digest";
    private static final String DELIVERY_COLUMNS = "alert_key, channel, organisation, status, attempts, next_attempt_at, created_at";

    /** One alert row shaped as the sweep's (same column widths: key, summary, reason, source, link), as text. */
    private String[] alertRow(long i, String now) {
        String[] rule = RULES[(int) (i % RULES.length)];
        String organisation = organisation((int) (i % ORGANISATIONS));
        String systemId = String.format("sweep-%08d", i / 2);
        return new String[] {organisation + "|" + systemId + "|" + rule[0] + "|H30", "HORIZON", "WARNING", "CIO_OFFICE", organisation,
                systemId, "Sweep system " + i / 2, rule[0], rule[1], rule[2],
                "Regulation (EU) 2024/1689 as amended by Regulation (EU) 2026/1744, Art 113 (reported)", asOf.plusDays(30).toString(), "30",
                "30", rule[2] + " (ai-act-2026-omnibus): " + rule[3] + ". Applies because the organisation is a deployer and a public"
                        + " authority, risk class HIGH, phase IN_USE.",
                rule[0] + " due in 30 days: Sweep system " + i / 2, stack.queryServiceUrl() + "/dashboard/systems/" + systemId, null,
                asOf.toString(), now, "f"};
    }

    /** One delivery row shaped as the sweep's (two per alert on average), as text. */
    private static String[] deliveryRow(long i, String now) {
        String organisation = organisation((int) (i % ORGANISATIONS));
        return new String[] {organisation + "|" + String.format("sweep-%08d", i / 4) + "|" + RULES[(int) (i / 2 % RULES.length)][0] + "|H30",
                i % 2 == 0 ? "KAFKA" : "EMAIL", organisation, "PENDING", "0", now, now};
    }

    /**
     * Inserts {@code alerts} alert rows and {@code deliveries} delivery rows, shaped as the sweep's, into empty copies of the notifier's
     * tables (same columns, constraints and indexes), in one transaction, twice: with JDBC batches of 1,000 single-row INSERTs (ON
     * CONFLICT DO NOTHING, as the notifier's), then with COPY (the fastest way in); the copies are emptied between and dropped after.
     *
     * @return the times of the alerts and of the deliveries, batched then COPY
     */
    Timed[] rawInsert(long alerts, long deliveries) throws SQLException {
        try (Connection c = connect()) {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS bench");
                s.execute("DROP TABLE IF EXISTS bench.alert_copy, bench.delivery_copy");
                s.execute("CREATE TABLE bench.alert_copy (LIKE notifier.alert INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
                s.execute("CREATE TABLE bench.delivery_copy (LIKE notifier.delivery INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES)");
            }
            String now = Instant.now().toString();
            Timed[] times = new Timed[4];
            c.setAutoCommit(false);
            times[0] = batched(c, "INSERT INTO bench.alert_copy (" + ALERT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::date,"
                    + " ?::integer, ?::integer, ?, ?, ?, ?, ?::date, ?::timestamptz, ?::boolean) ON CONFLICT (alert_key) DO NOTHING", alerts,
                    i -> alertRow(i, now));
            times[1] = batched(c, "INSERT INTO bench.delivery_copy (" + DELIVERY_COLUMNS + ") VALUES (?, ?, ?, ?, ?::integer,"
                    + " ?::timestamptz, ?::timestamptz) ON CONFLICT (alert_key, channel) DO NOTHING", deliveries, i -> deliveryRow(i, now));
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE bench.alert_copy, bench.delivery_copy");
            }
            c.setAutoCommit(false);
            times[2] = copied(c, "COPY bench.alert_copy (" + ALERT_COLUMNS + ") FROM STDIN (FORMAT csv)", alerts, i -> alertRow(i, now));
            times[3] = copied(c, "COPY bench.delivery_copy (" + DELIVERY_COLUMNS + ") FROM STDIN (FORMAT csv)", deliveries,
                    i -> deliveryRow(i, now));
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE bench.alert_copy, bench.delivery_copy");
            }
            return times;
        }
    }

    private static Timed batched(Connection c, String sql, long rows, java.util.function.LongFunction<String[]> row) throws SQLException {
        long start = System.nanoTime();
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (long i = 0; i < rows; i++) {
                String[] values = row.apply(i);
                for (int v = 0; v < values.length; v++) {
                    insert.setString(v + 1, values[v]);
                }
                insert.addBatch();
                if (i % 1000 == 999) {
                    insert.executeBatch();
                }
            }
            insert.executeBatch();
        }
        return new Timed(rows, (System.nanoTime() - start) / 1e9);
    }

    private static Timed copied(Connection c, String sql, long rows, java.util.function.LongFunction<String[]> row) throws SQLException {
        long start = System.nanoTime();
        CopyIn copy = copyIn(c, sql);
        StringBuilder text = new StringBuilder(1 << 20);
        try {
            for (long i = 0; i < rows; i++) {
                csv(text, row.apply(i));
                if (text.length() > (1 << 20) - 4096) {
                    write(copy, text);
                }
            }
            write(copy, text);
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return new Timed(rows, (System.nanoTime() - start) / 1e9);
    }
}
