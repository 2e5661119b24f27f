package eu.aiact.tracker.web.csv;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;

/**
 * The one CSV writer of every export (history, inventory lists, the Algoritmeregister export and its refused systems): RFC 4180 (comma
 * separated, CRLF line ends, a field quoted when it holds a comma, quote or line break, quotes doubled), and guarded against formulas: a
 * field that a spreadsheet would run as a formula (starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return) gets a leading {@code '}, so that it is shown as the text it is.
 */
public final class CsvWriter {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final Appendable out;

    public CsvWriter(Appendable out) {
        this.out = out;
    }

    /** Writes one line of these fields (null as an empty field). */
    public CsvWriter row(List<String> fields) {
        try {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(field(fields.get(i)));
            }
            out.append("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public CsvWriter row(String... fields) {
        return row(Arrays.asList(fields));
    }

    /** One field as it is written: guarded against formulas, then quoted when needed. */
    public static String field(String value) {
        if (value == null) {
            return "";
        }
        String safe = !value.isEmpty() && FORMULA_STARTS.indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
