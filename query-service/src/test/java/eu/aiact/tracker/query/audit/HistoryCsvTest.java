package eu.aiact.tracker.query.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** Issue 15: the history export went out with a reason of =HYPERLINK(...) unguarded; it is written by the one guarded CSV writer. */
class HistoryCsvTest {

    @Test
    void aFormulaInAnEventsReasonIsExportedAsText() throws Exception {
        StringWriter out = new StringWriter();
        HistoryCsv.event(out, new AuditEvent("e-1", "s-1", "Gemeente Utrecht", 0, "AiSystemRegistered", LocalDate.of(2026, 1, 1),
                Instant.parse("2026-01-01T09:00:00Z"), Map.of("actor", "@mallory", "reason", "=HYPERLINK(\"http://evil.example\",\"click\")"),
                JsonMapper.builder().build().readTree("{}")), "{}");
        assertThat(out.toString()).isEqualTo("e-1,s-1,Gemeente Utrecht,0,AiSystemRegistered,2026-01-01,2026-01-01T09:00:00Z,'@mallory,"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",,{}\r\n");
    }
}
