package eu.aiact.tracker.stream;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a failure that may go away (the database or the broker away, a lock or a deadlock, a timeout: retried with backoff, never
 * skipped) from one that will not (a value the database refuses, a constraint that can never hold, an unreadable record, a bug: a dead
 * letter after a few tries, and processing goes on). When in doubt a failure counts as one that will not go away: a dead letter can be
 * retried by an administrator, a record retried for ever stops its partition for everyone.
 */
public final class Failures {

    /**
     * Classes of SQL states of failures that may go away: 08 connection, 40 rollback (serialization, deadlock), 53 insufficient
     * resources, 55 object not in prerequisite state (a lock not available), 57 operator intervention (shutdown, a cancelled statement),
     * 58 system error (I/O).
     */
    private static final Set<String> TRANSIENT_SQL_CLASSES = Set.of("08", "40", "53", "55", "57", "58");

    private Failures() {
    }

    /** True when trying again later may succeed (and the record must then wait, not be skipped). */
    public static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.length() >= 2 && TRANSIENT_SQL_CLASSES.contains(state.substring(0, 2))) {
                    return true;
                }
                if (!(cause instanceof SQLTransientException) && !(cause instanceof SQLRecoverableException)) {
                    return false; // the database answered, and refused: data exception, constraint, syntax ...
                }
            }
            if (cause instanceof SQLTransientException || cause instanceof SQLRecoverableException
                    || cause instanceof TransientDataAccessException || cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof org.apache.kafka.common.errors.RetriableException
                    || cause instanceof org.apache.kafka.common.errors.TimeoutException
                    || cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof org.apache.kafka.common.errors.DisconnectException
                    || cause instanceof org.apache.kafka.common.errors.AuthenticationException
                    || cause instanceof IOException
                    || cause instanceof RebuildJoinException) {
                return true;
            }
            if (cause instanceof SQLNonTransientException) {
                return false;
            }
            if (cause instanceof InterruptedException) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when trying the same record again cannot help: it cannot be read, or the database refused its data (SQL state class 22, a
     * value such as a NUL in text or JSON) or a constraint other than uniqueness (class 23 but 23505, which a concurrent writer may
     * explain). Such a record is a dead letter at its first failure on its own; any other failure that is not transient is tried
     * {@code tracker.stream.permanent-attempts} times first.
     */
    public static boolean isCertain(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof UnreadableRecordException || cause instanceof eu.aiact.tracker.api.envelope.MalformedEventException
                    || cause instanceof tools.jackson.core.JacksonException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                return state.startsWith("22") || (state.startsWith("23") && !state.equals("23505"));
            }
        }
        return false;
    }

    /**
     * Why it failed, in words an administrator can act on: the database's own message with its SQL state when it refused, else the
     * innermost message. Control characters are written as {@code \\uXXXX}, so that the reason itself can always be stored.
     */
    public static String reason(Throwable failure) {
        SQLException refused = null;
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLException sql && refused == null) {
                refused = sql;
            }
            innermost = cause;
        }
        String reason;
        if (refused != null) {
            reason = "The database refused it (SQL state " + refused.getSQLState() + "): " + firstLine(refused.getMessage());
        } else if (failure instanceof UnreadableRecordException || failure instanceof eu.aiact.tracker.api.envelope.MalformedEventException) {
            reason = failure.getMessage();
        } else {
            String message = innermost.getMessage() == null ? "" : ": " + firstLine(innermost.getMessage());
            reason = (innermost == failure ? "" : failure.getClass().getSimpleName() + " caused by ") + innermost.getClass().getName()
                    + message;
        }
        return printable(reason, 2000);
    }

    /** The class of the innermost cause, for the dead letter's {@code failure}. */
    public static String kind(Throwable failure) {
        Throwable innermost = failure;
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            innermost = cause;
        }
        return innermost.getClass().getName();
    }

    /** The text with control characters (but tab and line breaks) and unpaired surrogates written as escapes, cut to {@code max}. */
    public static String printable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max) + 16);
        for (int i = 0; i < text.length() && out.length() < max; i++) {
            char c = text.charAt(i);
            boolean pairedHigh = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (pairedHigh) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c) || (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\n' && c != '\r')) {
                out.append(String.format("\\u%04X", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= max && text.length() > max) {
            out.setLength(max);
            out.append(" ...");
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
