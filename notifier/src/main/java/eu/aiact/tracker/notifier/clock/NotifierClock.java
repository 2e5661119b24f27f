package eu.aiact.tracker.notifier.clock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.NotifierProperties;

/**
 * The notifier's dates. {@link #realToday()} is the only date real alerts are decided on (the system clock, injected). The settable
 * clock, for tests and demos, exists only where {@code tracker.notifier.clock.settable} (or {@code fixed-date}) is set, which needs
 * the {@code development} profile ({@link DevelopmentOnlySettings}); a date set there is a simulated date: a sweep asked for then is a
 * simulation, kept apart from real alerts. A set date starts at midnight UTC and its time runs on from there.
 */
@Component
public class NotifierClock {

    private final Clock base;
    private final boolean settable;
    private final AtomicReference<Clock> current;

    public NotifierClock(Clock base, NotifierProperties properties) {
        this.base = base;
        this.settable = properties.clock() != null && properties.clock().enabled();
        this.current = new AtomicReference<>(base);
        if (properties.clock() != null && properties.clock().fixedDate() != null) {
            set(properties.clock().fixedDate());
        }
    }

    /** The date a sweep asked for now is about: the simulated date when one is set, otherwise today. */
    public LocalDate today() {
        return LocalDate.now(current.get().withZone(ZoneOffset.UTC));
    }

    /** Today, on the system clock: the date of every real alert. */
    public LocalDate realToday() {
        return LocalDate.now(base.withZone(ZoneOffset.UTC));
    }

    public Instant instant() {
        return current.get().instant();
    }

    /** Whether a simulated date is set (rather than following the system clock). */
    public boolean isSet() {
        return current.get() != base;
    }

    /** Whether this notifier's clock may be set at all (development and tests only). */
    public boolean settable() {
        return settable;
    }

    /** @throws ClockNotSettableException where the clock is not settable */
    public void set(LocalDate date) {
        if (!settable) {
            throw new ClockNotSettableException();
        }
        Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        current.set(Clock.offset(base, Duration.between(base.instant(), start)));
    }

    public void reset() {
        current.set(base);
    }
}
