package eu.aiact.tracker.web.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

/** The one CSV writer: RFC 4180 quoting, and formulas shown as text (issue 15: a reason of =HYPERLINK(...) reached spreadsheets). */
class CsvWriterTest {

    @Test
    void aFieldASpreadsheetWouldRunAsAFormulaIsWrittenAsText() {
        assertThat(CsvWriter.field("=HYPERLINK(\"http://evil.example\",\"click\")"))
                .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"");
        assertThat(CsvWriter.field("+31 6 1234")).isEqualTo("'+31 6 1234");
        assertThat(CsvWriter.field("-2+3")).isEqualTo("'-2+3");
        assertThat(CsvWriter.field("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(CsvWriter.field("\t=1")).isEqualTo("'\t=1");
        assertThat(CsvWriter.field("a = b")).isEqualTo("a = b");
    }

    @Test
    void fieldsAreQuotedWhenTheyHoldASeparatorAQuoteOrALineBreakAndLinesEndInCrLf() {
        StringBuilder out = new StringBuilder();
        new CsvWriter(out).row(Arrays.asList("plain", "a,b", "say \"hi\"", "two\nlines", null, ""));
        assertThat(out).hasToString("plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",,\r\n");
    }
}
