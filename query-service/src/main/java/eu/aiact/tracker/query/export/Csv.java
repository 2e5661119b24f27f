package eu.aiact.tracker.query.export;

import java.util.List;

/** Writes RFC 4180 CSV: comma separated, CRLF line ends, a field quoted when it holds a comma, quote or line break. */
final class Csv {

    private Csv() {
    }

    static void row(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(field(values.get(i)));
        }
        out.append("\r\n");
    }

    static String field(String value) {
        if (value == null) {
            return "";
        }
        // a leading =, +, - or @ would be read as a formula by spreadsheets: prefix it with a quote (CSV injection)
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
