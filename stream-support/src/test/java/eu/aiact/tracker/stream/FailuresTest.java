package eu.aiact.tracker.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.KafkaException;

import eu.aiact.tracker.api.envelope.MalformedEventException;

/** What may go away (retried, never skipped) and what will not (a dead letter after a few tries), and the reason an administrator reads. */
class FailuresTest {

    @Test
    void theDatabaseOrTheBrokerAwayIsTransient() {
        assertThat(Failures.isTransient(new CannotGetJdbcConnectionException("no connection",
                new SQLTransientConnectionException("Connection is not available, request timed out after 5000ms")))).isTrue();
        assertThat(Failures.isTransient(new RuntimeException(new SQLException("I/O error", "08006")))).isTrue();
        assertThat(Failures.isTransient(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(Failures.isTransient(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(Failures.isTransient(new KafkaException("Send failed",
                new org.apache.kafka.common.errors.TimeoutException("Topic not present in metadata after 5000 ms")))).isTrue();
        assertThat(Failures.isTransient(new IllegalStateException(new ExecutionException(new ConnectException("refused"))))).isTrue();
    }

    @Test
    void aValueTheDatabaseRefusesAConstraintAnUnreadableRecordOrABugIsPermanent() {
        assertThat(Failures.isTransient(new DataIntegrityViolationException("x",
                new SQLException("ERROR: invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(Failures.isTransient(new SQLException("unsupported Unicode escape sequence", "22P05"))).isFalse();
        assertThat(Failures.isTransient(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(Failures.isTransient(new MalformedEventException("Not an event envelope"))).isFalse();
        assertThat(Failures.isTransient(new NullPointerException("recordedAt"))).isFalse();
        assertThat(Failures.isTransient(new KafkaException("Send failed",
                new org.apache.kafka.common.errors.RecordTooLargeException("too large")))).isFalse();
    }

    @Test
    void aValueTheDatabaseRefusesOrAnUnreadableRecordIsCertainToFailAgainAUniqueKeyOrABugMayNot() {
        assertThat(Failures.isCertain(new DataIntegrityViolationException("x", new SQLException("invalid byte sequence", "22021")))).isTrue();
        assertThat(Failures.isCertain(new SQLException("null value in column \"organisation\"", "23502"))).isTrue();
        assertThat(Failures.isCertain(new UnreadableRecordException("Unknown event type X"))).isTrue();
        assertThat(Failures.isCertain(new SQLException("duplicate key value violates unique constraint", "23505"))).isFalse();
        assertThat(Failures.isCertain(new NullPointerException())).isFalse();
    }

    @Test
    void theReasonIsTheDatabasesOwnWordsOrTheInnermostMessageAndCanAlwaysBeStored() {
        assertThat(Failures.reason(new DataIntegrityViolationException("PreparedStatementCallback; bad SQL",
                new SQLException("ERROR: unsupported Unicode escape sequence\n  Detail: \\u0000 cannot be converted to text.", "22P05"))))
                .isEqualTo("The database refused it (SQL state 22P05): ERROR: unsupported Unicode escape sequence");
        assertThat(Failures.reason(new UnreadableRecordException("Unknown event type SystemTeleported (event e-1)")))
                .isEqualTo("Unknown event type SystemTeleported (event e-1)");
        assertThat(Failures.reason(new IllegalStateException(new NullPointerException("a\u0000b"))))
                .isEqualTo("IllegalStateException caused by java.lang.NullPointerException: a\\u0000b");
        assertThat(Failures.printable("x".repeat(50), 10)).isEqualTo("xxxxxxxxxx ...");
    }
}
