package eu.aiact.tracker.query.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

/** The CSV form of the history export (RFC 4180: comma separated, fields quoted when needed, CRLF line ends). */
final class HistoryCsv {

    static final List<String> HEADER = List.of("event_id", "system_id", "organisation", "sequence_number", "type", "effective_date",
            "recorded_at", "actor", "reason", "correlation_id", "payload");

    private HistoryCsv() {
    }

    static void header(Writer out) throws IOException {
        row(out, HEADER);
    }

    static void event(Writer out, AuditEvent event, String payloadJson) throws IOException {
        row(out, java.util.Arrays.asList(event.eventId(), event.systemId(), event.organisation(), Long.toString(event.sequenceNumber()),
                event.type(), event.effectiveDate() == null ? null : event.effectiveDate().toString(), event.recordedAt().toString(),
                event.metadata().get("actor"), event.metadata().get("reason"), event.metadata().get("correlationId"), payloadJson));
    }

    private static void row(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write("\r\n");
    }

    static String quote(String field) {
        if (field == null) {
            return "";
        }
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
