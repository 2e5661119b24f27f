package eu.aiact.tracker.query.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Small helpers that write HTML: every text and attribute value written through {@link #esc} is escaped (no markup from data). The pages
 * need no script at all, and their Content-Security-Policy allows none.
 */
final class Html {

    private Html() {
    }

    /** Escapes text for an HTML text node or a quoted attribute value. */
    static String esc(Object value) {
        if (value == null) {
            return "";
        }
        String s = String.valueOf(value);
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A query parameter or path segment value, percent-encoded (then escaped for the attribute it goes into). */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1b1b1b;background:#f6f7f9}
                header{background:#154273;color:#fff;padding:12px 24px;display:flex;gap:24px;align-items:center;flex-wrap:wrap}
                header a{color:#fff}
                main{padding:16px 24px;max-width:1400px}
                h1{font-size:1.4em;margin:0} h2{font-size:1.1em;margin:0 0 8px}
                .cards{display:flex;gap:12px;flex-wrap:wrap;margin-bottom:16px}
                .card{background:#fff;border-radius:6px;padding:12px 16px;min-width:140px;box-shadow:0 1px 2px #0002}
                .card .n{font-size:1.8em;font-weight:600}
                .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:16px}
                section{background:#fff;border-radius:6px;padding:12px 16px;box-shadow:0 1px 2px #0002;margin-bottom:16px}
                table{border-collapse:collapse;width:100%%;font-size:.9em}
                th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #e3e5e8;vertical-align:top}
                td.num{text-align:right;font-variant-numeric:tabular-nums}
                .OVERDUE,.VIOLATION{color:#b00020;font-weight:600} .DUE_SOON{color:#a65e00;font-weight:600} .FULFILLED{color:#1b7a36}
                svg text{font-size:11px;fill:#333}
                small{color:#555}
                </style>
                </head>
                <body>
                <header><h1>AI Act deadline tracker</h1><a href="/dashboard">Portfolio</a></header>
                <main>
                %s
                </main>
                </body>
                </html>
                """.formatted(esc(title), body);
    }

    /**
     * A horizontal SVG bar chart of {@code counts}, with a table of the same numbers beneath it (screen readers and tests read the
     * table: each count cell carries {@code data-breakdown} and {@code data-key}).
     */
    static String barChart(String id, String title, Map<String, Long> counts, String colour) {
        long max = Math.max(1, counts.values().stream().mapToLong(Long::longValue).max().orElse(1));
        int barHeight = 18;
        int labelWidth = 170;
        int chartWidth = 230;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg role=\"img\" aria-label=\"").append(esc(title)).append("\" width=\"").append(labelWidth + chartWidth + 50)
                .append("\" height=\"").append(counts.size() * (barHeight + 4) + 4).append("\">");
        int y = 2;
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            long width = Math.round((double) entry.getValue() / max * chartWidth);
            svg.append("<text x=\"0\" y=\"").append(y + 13).append("\">").append(esc(shorten(entry.getKey(), 28))).append("</text>")
                    .append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y).append("\" width=\"").append(width)
                    .append("\" height=\"").append(barHeight).append("\" fill=\"").append(colour).append("\"><title>")
                    .append(esc(entry.getKey())).append(": ").append(entry.getValue()).append("</title></rect>")
                    .append("<text x=\"").append(labelWidth + width + 4).append("\" y=\"").append(y + 13).append("\">")
                    .append(entry.getValue()).append("</text>");
            y += barHeight + 4;
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<table id=\"").append(esc(id)).append("\"><tr><th>").append(esc(title))
                .append("</th><th>systems</th></tr>");
        counts.forEach((key, count) -> table.append("<tr><td>").append(esc(key)).append("</td><td class=\"num\" data-breakdown=\"")
                .append(esc(id)).append("\" data-key=\"").append(esc(key)).append("\">").append(count).append("</td></tr>"));
        table.append("</table>");
        return "<section><h2>" + esc(title) + "</h2>" + svg + table + "</section>";
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
