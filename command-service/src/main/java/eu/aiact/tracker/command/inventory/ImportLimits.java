package eu.aiact.tracker.command.inventory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * What one caller may ask of the import (in this service instance): at most {@code maxConcurrentPerCaller} imports or dry runs at once,
 * and at most {@code maxRowsPerHour} rows in any hour (a file that goes beyond is still read; the next one waits). Beyond: 429 with
 * {@code Retry-After}.
 */
@Component
public class ImportLimits {

    /** {@code tracker.imports.*}. */
    @ConfigurationProperties("tracker.imports")
    public record Properties(@DefaultValue("2") int maxConcurrentPerCaller, @DefaultValue("200000") int maxRowsPerHour) {
    }

    /** A request over a limit: what the answer says, and when to come back. */
    public static final class Exceeded extends RuntimeException {
        private final long retryAfterSeconds;
        private final String limit;

        Exceeded(String limit, String message, long retryAfterSeconds) {
            super(message);
            this.limit = limit;
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }

        /** The property that sets the limit. */
        public String limit() {
            return limit;
        }
    }

    private record Charge(Instant at, int rows) {
    }

    private static final Duration WINDOW = Duration.ofHours(1);

    private final Properties properties;
    private final Clock clock;
    private final Map<String, Integer> running = new HashMap<>();
    private final Map<String, Deque<Charge>> charges = new HashMap<>();

    public ImportLimits(Properties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    /** Lets the caller's import start, or refuses it; the permit ends it. */
    public synchronized AutoCloseable start(String caller) {
        int now = running.getOrDefault(caller, 0);
        if (now >= properties.maxConcurrentPerCaller()) {
            throw new Exceeded("tracker.imports.max-concurrent-per-caller", "You have " + now + " imports or dry runs running; at most "
                    + properties.maxConcurrentPerCaller() + " at once per caller. Retry when one has finished.", 5);
        }
        Deque<Charge> mine = window(caller);
        long rows = mine.stream().mapToLong(Charge::rows).sum();
        if (rows >= properties.maxRowsPerHour()) {
            // when enough of the oldest rows leave the hour to be under the limit again
            long over = rows - properties.maxRowsPerHour() + 1;
            Instant free = clock.instant();
            for (Charge charge : mine) {
                over -= charge.rows();
                free = charge.at().plus(WINDOW);
                if (over <= 0) {
                    break;
                }
            }
            long seconds = Math.max(1, Duration.between(clock.instant(), free).toSeconds() + 1);
            throw new Exceeded("tracker.imports.max-rows-per-hour", "You imported or checked " + rows + " rows in the last hour; at most "
                    + properties.maxRowsPerHour() + " rows per hour per caller. Retry in " + seconds + " s.", seconds);
        }
        running.merge(caller, 1, Integer::sum);
        return () -> finished(caller);
    }

    /** Counts the rows of a file the caller had read. */
    public synchronized void charge(String caller, int rows) {
        if (rows > 0) {
            window(caller).addLast(new Charge(clock.instant(), rows));
        }
    }

    private synchronized void finished(String caller) {
        running.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
    }

    private Deque<Charge> window(String caller) {
        Deque<Charge> mine = charges.computeIfAbsent(caller, key -> new ArrayDeque<>());
        Instant since = clock.instant().minus(WINDOW);
        while (!mine.isEmpty() && !mine.peekFirst().at().isAfter(since)) {
            mine.removeFirst();
        }
        return mine;
    }
}
