package eu.aiact.tracker.query.audit;

import java.io.IOException;
import java.io.Writer;
import java.util.List;

import eu.aiact.tracker.web.csv.CsvWriter;

/** The CSV form of the history export, written by the one CSV writer (RFC 4180, guarded against formulas). */
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

    private static void row(Writer out, List<String> fields) {
        new CsvWriter(out).row(fields);
    }
}
