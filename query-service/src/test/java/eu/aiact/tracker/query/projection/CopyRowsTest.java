package eu.aiact.tracker.query.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

/** Rows in the text format of PostgreSQL's COPY: values separated by tabs, rows by newlines, the four special characters escaped. */
class CopyRowsTest {

    @Test
    void valuesAreEscapedAsTheTextFormatWants() {
        CopyRows rows = new CopyRows();
        rows.value("plain text, no escapes: € ë").value((String) null).value(42).endRow();
        rows.value("\\start").value("tab\there").value("two\nlines\r\n").value("end\\").endRow();
        rows.value("\t").value("").value(Instant.parse("2026-12-01T09:00:00.123456Z")).value(LocalDate.of(2026, 8, 2))
                .value((LocalDate) null).endRow();

        assertThat(rows.toString()).isEqualTo("plain text, no escapes: € ë\t\\N\t42\n"
                + "\\\\start\ttab\\there\ttwo\\nlines\\r\\n\tend\\\\\n"
                + "\\t\t\t2026-12-01T09:00:00.123456Z\t2026-08-02\t\\N\n");
        assertThat(rows.count()).isEqualTo(3);
    }
}
