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
 * The date alerts are decided on: the system clock, or a date an operator (or a test) set. A set date starts at midnight UTC and its time
 * runs on from there, so a notifier left at a set date moves to the next day after 24 hours like a real one.
 */
@Component
public class NotifierClock {

    private final Clock base;
    private final AtomicReference<Clock> current;

    public NotifierClock(Clock base, NotifierProperties properties) {
        this.base = base;
        this.current = new AtomicReference<>(base);
        if (properties.clock() != null && properties.clock().fixedDate() != null) {
            set(properties.clock().fixedDate());
        }
    }

    public LocalDate today() {
        return LocalDate.now(current.get().withZone(ZoneOffset.UTC));
    }

    public Instant instant() {
        return current.get().instant();
    }

    /** Whether a date was set (rather than following the system clock). */
    public boolean isSet() {
        return current.get() != base;
    }

    public void set(LocalDate date) {
        Instant start = date.atStartOfDay(ZoneOffset.UTC).toInstant();
        current.set(Clock.offset(base, Duration.between(base.instant(), start)));
    }

    public void reset() {
        current.set(base);
    }
}
