package eu.aiact.tracker.query.export;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.query.obligation.ObligationRow;

/**
 * An organisation's open deadlines as an iCalendar (RFC 5545) feed: one all-day VEVENT per obligation with a due date, its UID stable
 * per system and obligation code (a calendar that subscribes sees a moved date as the same event, moved), CRLF line ends, text values
 * escaped and lines folded at 75 octets.
 */
@Component
public class DeadlineCalendar {

    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final ExportProperties properties;

    public DeadlineCalendar(Clock clock, ExportProperties properties) {
        this.clock = clock;
        this.properties = properties;
    }

    public String calendar(String organisation, List<ObligationRow> obligations) {
        StringBuilder out = new StringBuilder();
        line(out, "BEGIN:VCALENDAR");
        line(out, "VERSION:2.0");
        line(out, "PRODID:-//aiact-tracker//AI Act deadlines//EN");
        line(out, "CALSCALE:GREGORIAN");
        line(out, "X-WR-CALNAME:" + text("AI Act deadlines: " + organisation));
        String stamp = STAMP.format(clock.instant());
        for (ObligationRow o : obligations) {
            if (o.dueDate() == null) {
                continue;
            }
            line(out, "BEGIN:VEVENT");
            line(out, "UID:" + uid(o.systemId(), o.code()));
            line(out, "DTSTAMP:" + stamp);
            line(out, "DTSTART;VALUE=DATE:" + DATE.format(o.dueDate()));
            line(out, "DTEND;VALUE=DATE:" + DATE.format(o.dueDate().plusDays(1)));
            line(out, "SUMMARY:" + text(o.code() + ": " + o.systemName()));
            line(out, "DESCRIPTION:" + text(o.article() + " - " + o.title() + "\nStatus: " + o.status() + "\nReason: " + o.reason()
                    + (o.source() == null ? "" : "\nSource: " + o.source()) + "\nRulebook: " + o.rulebook()));
            line(out, "URL:" + properties.dashboardUrl() + "/systems/" + o.systemId());
            line(out, "CATEGORIES:" + text(o.status().name()));
            line(out, "TRANSP:TRANSPARENT");
            line(out, "END:VEVENT");
        }
        line(out, "END:VCALENDAR");
        return out.toString();
    }

    static String uid(String systemId, String code) {
        return systemId + "-" + code + "@aiact-tracker";
    }

    /** A TEXT value (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks as \n. */
    static String text(String value) {
        return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n").replace("\n", "\\n")
                .replace("\r", "\\n");
    }

    /** Appends a content line, folded (RFC 5545 3.1) so that no line is longer than 75 octets, never inside a UTF-8 character. */
    static void line(StringBuilder out, String content) {
        int octets = 0;
        int limit = 75;
        for (int i = 0; i < content.length(); ) {
            int codePoint = content.codePointAt(i);
            int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
            if (octets + size > limit) {
                out.append("\r\n ");
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        out.append("\r\n");
    }
}
