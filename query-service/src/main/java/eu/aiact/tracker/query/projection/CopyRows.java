package eu.aiact.tracker.query.projection;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;

import org.postgresql.PGConnection;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN} (text format), the fastest way to write many rows: a rebuild fills its fresh tables
 * with it. Values are escaped as the text format wants (backslash, tab, newline, carriage return); null is {@code \N}.
 */
public final class CopyRows {

    private final StringBuilder rows = new StringBuilder(1 << 16);
    private int count;
    private boolean first = true;

    public CopyRows value(String value) {
        separate();
        if (value == null) {
            rows.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                default -> rows.append(c);
            }
        }
        return this;
    }

    public CopyRows value(long value) {
        separate();
        rows.append(value);
        return this;
    }

    public CopyRows value(Instant value) {
        return value(value == null ? null : value.toString());
    }

    public CopyRows value(LocalDate value) {
        return value(value == null ? null : value.toString());
    }

    public CopyRows endRow() {
        rows.append('\n');
        first = true;
        count++;
        return this;
    }

    public int count() {
        return count;
    }

    public int length() {
        return rows.length();
    }

    /** Writes the rows into {@code table (columns)} on this connection (in its transaction) and empties this buffer. */
    public long copyInto(Connection connection, String table, String columns) throws SQLException {
        if (count == 0) {
            return 0;
        }
        try {
            long copied = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new StringReader(rows.toString()));
            rows.setLength(0);
            count = 0;
            return copied;
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed", e);
        }
    }

    private void separate() {
        if (!first) {
            rows.append('\t');
        }
        first = false;
    }
}
