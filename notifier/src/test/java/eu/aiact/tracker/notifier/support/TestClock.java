package eu.aiact.tracker.notifier.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The notifier's real clock in a test: the system clock moved to a date the test chooses (and running on from there), so that the test
 * can play "today" being any date. This is what the notifier takes for the real date; its settable clock is another thing (a simulated
 * date).
 */
public final class TestClock extends Clock {

    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    /** Today becomes the date, at the given time of day (UTC). */
    public void setToday(LocalDate date, Duration timeOfDay) {
        Instant target = date.atStartOfDay(ZoneOffset.UTC).toInstant().plus(timeOfDay);
        offset.set(Duration.between(Instant.now(), target));
    }

    /** Today becomes the date, at one minute past midnight (UTC). */
    public void setToday(LocalDate date) {
        setToday(date, Duration.ofMinutes(1));
    }

    public void reset() {
        offset.set(Duration.ZERO);
    }

    public LocalDate today() {
        return LocalDate.ofInstant(instant(), ZoneOffset.UTC);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        Clock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId other) {
                return self.withZone(other);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }
}
