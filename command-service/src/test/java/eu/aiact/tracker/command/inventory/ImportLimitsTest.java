package eu.aiact.tracker.command.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

/** Per-caller limits on the import (issue 15: a 100,000-row workbook took 11.5 s per dry run with no limit per caller). */
class ImportLimitsTest {

    private Instant now = Instant.parse("2026-12-01T10:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final ImportLimits limits = new ImportLimits(new ImportLimits.Properties(2, 1000), clock);

    @Test
    void aCallerRunsAtMostSoManyImportsAtOnce() throws Exception {
        AutoCloseable first = limits.start("alice");
        AutoCloseable second = limits.start("alice");
        ImportLimits.Exceeded third = catchThrowableOfType(ImportLimits.Exceeded.class, () -> limits.start("alice"));
        assertThat(third.getMessage()).contains("at most 2 at once per caller");
        assertThat(third.limit()).isEqualTo("tracker.imports.max-concurrent-per-caller");
        limits.start("bob").close();
        first.close();
        limits.start("alice").close();
        second.close();
    }

    @Test
    void aCallerImportsAtMostSoManyRowsAnHourAndIsToldWhenToComeBack() throws Exception {
        limits.start("alice").close();
        limits.charge("alice", 600);
        now = now.plus(Duration.ofMinutes(20));
        limits.start("alice").close();
        limits.charge("alice", 600);
        ImportLimits.Exceeded over = catchThrowableOfType(ImportLimits.Exceeded.class, () -> limits.start("alice"));
        assertThat(over.getMessage()).contains("1200 rows in the last hour").contains("at most 1000");
        assertThat(over.retryAfterSeconds()).as("when the first 600 rows leave the hour").isEqualTo(Duration.ofMinutes(40).toSeconds() + 1);
        now = now.plus(Duration.ofMinutes(41));
        limits.start("alice").close();
    }
}
