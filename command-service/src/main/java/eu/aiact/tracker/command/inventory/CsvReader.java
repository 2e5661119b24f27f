package eu.aiact.tracker.command.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads RFC 4180 CSV: fields separated by a comma, or by a semicolon when the header line holds more semicolons than commas (as
 * spreadsheets with a Dutch locale write it); fields may be quoted, with doubled quotes inside and line breaks; CRLF or LF line ends; a
 * byte order mark is skipped; blank lines are skipped. Each record knows the line it starts on.
 */
final class CsvReader {

    /** One record: the line of the file it starts on (the first line is 1), and its fields. */
    record Record(int line, List<String> fields) {
    }

    /** A malformed file: an unterminated quote, or text after a closing quote. */
    static final class MalformedCsvException extends RuntimeException {
        final int line;

        MalformedCsvException(int line, String message) {
            super(message);
            this.line = line;
        }
    }

    private CsvReader() {
    }

    static List<Record> read(String text) {
        String csv = text.startsWith("\uFEFF") ? text.substring(1) : text;
        char separator = separator(csv);
        List<Record> records = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean afterQuote = false;
        boolean fieldStarted = false;
        for (int i = 0; i < csv.length(); i++) {
            char c = csv.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < csv.length() && csv.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                        afterQuote = true;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    field.append(c);
                }
                continue;
            }
            if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
                afterQuote = false;
                fieldStarted = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < csv.length() && csv.charAt(i + 1) == '\n') {
                    i++;
                }
                fields.add(field.toString());
                if (fieldStarted || fields.size() > 1 || !fields.get(0).isBlank()) {
                    records.add(new Record(recordLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                afterQuote = false;
                fieldStarted = false;
                line++;
                recordLine = line;
            } else if (c == '"' && field.toString().isBlank() && !afterQuote) {
                field.setLength(0);
                quoted = true;
                fieldStarted = true;
            } else if (afterQuote) {
                if (!Character.isWhitespace(c)) {
                    throw new MalformedCsvException(line, "line " + line + ": text after a closing quote");
                }
            } else {
                field.append(c);
                fieldStarted = true;
            }
        }
        if (quoted) {
            throw new MalformedCsvException(recordLine, "line " + recordLine + ": a quoted field is never closed");
        }
        fields.add(field.toString());
        if (fieldStarted || fields.size() > 1 || !fields.get(0).isBlank()) {
            records.add(new Record(recordLine, List.copyOf(fields)));
        }
        return records;
    }

    private static char separator(String csv) {
        int end = csv.indexOf('\n');
        String header = end < 0 ? csv : csv.substring(0, end);
        long commas = header.chars().filter(c -> c == ',').count();
        long semicolons = header.chars().filter(c -> c == ';').count();
        return semicolons > commas ? ';' : ',';
    }
}
