package eu.aiact.tracker.query.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

import org.springframework.stereotype.Component;

import tools.jackson.databind.json.JsonMapper;

/** Writes the history export, one event at a time from a database cursor, so that an export of any size does not fill memory. */
@Component
public class AuditExport {

    private final AuditHistory history;
    private final JsonMapper json;

    public AuditExport(AuditHistory history, JsonMapper json) {
        this.history = history;
        this.json = json;
    }

    /** Throws UncheckedIOException when the writer fails (the client went away). */
    public void write(HistoryFilter filter, boolean csv, Writer out) {
        try {
            if (csv) {
                HistoryCsv.header(out);
            }
            history.forEach(filter, event -> {
                try {
                    if (csv) {
                        HistoryCsv.event(out, event, json.writeValueAsString(event.payload()));
                    } else {
                        out.write(json.writeValueAsString(event));
                        out.write('\n');
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
