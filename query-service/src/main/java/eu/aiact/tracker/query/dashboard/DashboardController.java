package eu.aiact.tracker.query.dashboard;

import static eu.aiact.tracker.query.dashboard.Html.esc;
import static eu.aiact.tracker.query.dashboard.Html.url;

import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.aiact.tracker.query.obligation.ObligationFilter;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.obligation.ObligationRow;
import eu.aiact.tracker.query.portfolio.Portfolio;
import eu.aiact.tracker.query.portfolio.PortfolioRepository;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.query.projection.HistoryEntry;
import eu.aiact.tracker.query.projection.SystemHistory;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web dashboard: plain server-side HTML (every value escaped), with inline SVG charts. The portfolio of all organisations or of one,
 * and one system's page with its facts, obligations and history (the notifier links to {@code /dashboard/systems/{id}}).
 */
@Controller
@RequestMapping("/dashboard")
public class DashboardController {

    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);
    private static final DateTimeFormatter RECORDED = DateTimeFormatter.ISO_INSTANT;

    private final PortfolioRepository portfolios;
    private final AiSystemRepository systems;
    private final ObligationRepository obligations;
    private final SystemHistory history;
    private final JsonMapper json;
    private final OrganisationScope scope;

    public DashboardController(PortfolioRepository portfolios, AiSystemRepository systems, ObligationRepository obligations,
            SystemHistory history, JsonMapper json, OrganisationScope scope) {
        this.scope = scope;
        this.portfolios = portfolios;
        this.systems = systems;
        this.obligations = obligations;
        this.history = history;
        this.json = json;
    }

    @GetMapping
    public ResponseEntity<String> portfolio(@RequestParam(required = false) String organisation) {
        String selected = organisation == null || organisation.isBlank() ? null : organisation.strip();
        if (selected != null && selected.length() > 200) {
            return html(HttpStatus.BAD_REQUEST, Html.page("Bad request", "<p>organisation: at most 200 characters</p>"));
        }
        Caller caller = Caller.current();
        if (selected == null && caller.scope(Capability.VIEW).filter(organisations -> !organisations.isEmpty()).isPresent()) {
            // a caller who sees some organisations only starts at the first of them
            selected = caller.scope(Capability.VIEW).get().iterator().next();
        }
        if (selected != null && !caller.may(Capability.VIEW, selected)) {
            return html(HttpStatus.FORBIDDEN,
                    Html.page("Not allowed", "<p>Your roles do not allow viewing this organisation's dashboard.</p>"));
        }
        return html(HttpStatus.OK, portfolioPage(selected));
    }

    @GetMapping("/organisations/{organisation}")
    public ResponseEntity<String> organisation(@PathVariable String organisation) {
        return portfolio(organisation);
    }

    @GetMapping("/systems/{id}")
    public ResponseEntity<String> system(@PathVariable String id) {
        AiSystemRecord state = id.length() > 100 ? null
                : systems.find(id).filter(found -> Caller.current().may(Capability.VIEW, found.organisation())).orElse(null);
        if (state == null) {
            return html(HttpStatus.NOT_FOUND, Html.page("No such AI system", "<section><h2>No AI system with id <code>" + esc(id)
                    + "</code></h2><p><a href=\"/dashboard\">Back to the portfolio</a></p></section>"));
        }
        return html(HttpStatus.OK, systemPage(state));
    }

    private String portfolioPage(String organisation) {
        Portfolio p = portfolios.portfolio(organisation, 200);
        Map<String, Long> organisations = scope.visible(portfolios.organisations(), Capability.VIEW);
        StringBuilder body = new StringBuilder();
        body.append("<form method=\"get\" action=\"/dashboard\" id=\"organisation-form\"><label for=\"organisation\">Organisation </label>")
                .append("<select id=\"organisation\" name=\"organisation\"><option value=\"\">")
                .append("All organisations</option>");
        organisations.forEach((name, count) -> body.append("<option value=\"").append(esc(name)).append("\"")
                .append(name.equals(organisation) ? " selected" : "").append(">").append(esc(name)).append(" (").append(count)
                .append(")</option>"));
        body.append("</select> <button type=\"submit\" id=\"show\">Show</button></form>");
        body.append("<h2 id=\"scope\" style=\"margin-top:12px\">").append(esc(organisation == null ? "All organisations" : organisation))
                .append(" <small>obligations evaluated for ").append(esc(p.evaluatedOn())).append("</small></h2>");

        body.append("<div class=\"cards\">");
        card(body, "systems", "AI systems", p.systems());
        card(body, "organisations", "organisations", p.organisations());
        card(body, "in-use", "in use", p.byPhase().get("IN_USE"));
        card(body, "high-risk", "high-risk", p.byRiskClass().get("HIGH"));
        card(body, "overdue", "overdue obligations", p.overdueCount());
        card(body, "violations", "violations", p.violationCount());
        body.append("</div>");

        body.append("<div class=\"grid\">");
        body.append(Html.barChart("byLifecycle", "Phase", p.byLifecycle(), "#154273"));
        body.append(Html.barChart("byRiskClass", "Risk class", p.byRiskClass(), "#b00020"));
        body.append(Html.barChart("byPurpose", "Application category (purpose)", p.byPurpose(), "#39870c"));
        body.append(Html.barChart("byDevelopedBy", "Developed by", p.byDevelopedBy(), "#8f3f71"));
        body.append(Html.barChart("byGenerativeAi", "Generative AI", p.byGenerativeAi(), "#e17000"));
        Map<String, Long> registers = new LinkedHashMap<>();
        p.registers().algoritmeregister().forEach((category, count) -> registers.put("Algoritmeregister " + category, count));
        registers.put("Algoritmeregister (any)", p.registers().algoritmeregisterTotal());
        registers.put("EU database", p.registers().euDatabase());
        registers.put("none", p.registers().none());
        body.append(Html.barChart("registers", "Public registers", registers, "#007bc7"));
        body.append("</div>");

        body.append("<section><h2>Assessments</h2><table id=\"assessments\"><tr><th>type</th>");
        List<String> statuses = List.of("NONE", "PLANNED", "IN_PROGRESS", "DONE");
        statuses.forEach(s -> body.append("<th>").append(esc(s.toLowerCase().replace('_', ' '))).append("</th>"));
        body.append("</tr>");
        p.assessments().forEach((type, byStatus) -> {
            body.append("<tr><td>").append(esc(type)).append("</td>");
            statuses.forEach(s -> body.append("<td class=\"num\" data-breakdown=\"assessments\" data-key=\"").append(esc(type + "." + s))
                    .append("\">").append(byStatus.get(s)).append("</td>"));
            body.append("</tr>");
        });
        body.append("</table></section>");

        body.append(timeline(p.deadlinesByMonth()));
        body.append(obligationList("overdue", "Overdue obligations", p.overdue(), p.overdueCount()));
        body.append(obligationList("violations", "Violations", p.violations(), p.violationCount()));

        body.append("<section><h2>Rulebook changes: what moved</h2><table id=\"rulebook-changes\"><tr><th>rulebook version</th>")
                .append("<th>systems</th><th>obligations</th></tr>");
        p.rulebookChanges().forEach(c -> body.append("<tr><td>").append(esc(c.versionId())).append("</td><td class=\"num\">")
                .append(c.systems()).append("</td><td class=\"num\">").append(c.obligations()).append("</td></tr>"));
        body.append("</table></section>");

        String org = organisation == null ? "" : "organisation=" + url(organisation) + "&";
        body.append("<section><h2>Exports</h2><ul>")
                .append("<li><a href=\"/api/exports/algoritmeregister?").append(esc(org)).append("format=csv\">Algoritmeregister (CSV)</a>")
                .append(" · <a href=\"/api/exports/algoritmeregister?").append(esc(org)).append("format=json\">JSON</a></li>")
                .append("<li><a href=\"/api/portfolio?").append(esc(org)).append("\">these figures as JSON</a></li>");
        if (organisation != null) {
            body.append("<li><a id=\"calendar\" href=\"/api/organisations/").append(esc(url(organisation)))
                    .append("/deadlines.ics\">deadline calendar (iCalendar)</a></li>");
        }
        body.append("</ul></section>");
        return Html.page(organisation == null ? "AI Act portfolio" : "AI Act portfolio: " + organisation, body.toString());
    }

    private static void card(StringBuilder body, String metric, String label, Long value) {
        body.append("<div class=\"card\"><div class=\"n\" data-metric=\"").append(esc(metric)).append("\">").append(value == null ? 0 : value)
                .append("</div><div>").append(esc(label)).append("</div></div>");
    }

    /** Open deadlines per month: an SVG column chart and the table of the same numbers. */
    private static String timeline(List<Portfolio.MonthDeadlines> months) {
        long max = Math.max(1, months.stream().mapToLong(Portfolio.MonthDeadlines::obligations).max().orElse(1));
        int column = 32;
        int height = 140;
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"Open deadlines by month\" width=\"")
                .append(Math.max(200, months.size() * column + 10)).append("\" height=\"").append(height + 70).append("\">");
        int x = 4;
        for (Portfolio.MonthDeadlines m : months) {
            long h = Math.round((double) m.obligations() / max * height);
            svg.append("<rect x=\"").append(x).append("\" y=\"").append(height - h + 14).append("\" width=\"").append(column - 6)
                    .append("\" height=\"").append(h).append("\" fill=\"#154273\"><title>").append(esc(m.month())).append(": ")
                    .append(m.obligations()).append(" obligations, ").append(m.systems()).append(" systems</title></rect>")
                    .append("<text x=\"").append(x).append("\" y=\"").append(height - h + 10).append("\">").append(m.obligations())
                    .append("</text><text transform=\"translate(").append(x + 12).append(",").append(height + 18)
                    .append(") rotate(60)\">").append(esc(m.month())).append("</text>");
            x += column;
        }
        svg.append("</svg>");
        StringBuilder table = new StringBuilder("<details><summary>as a table</summary><table id=\"deadlines\"><tr><th>month</th>")
                .append("<th>open obligations</th><th>systems</th></tr>");
        months.forEach(m -> table.append("<tr><td>").append(esc(m.month())).append("</td><td class=\"num\" data-month=\"")
                .append(esc(m.month())).append("\">").append(m.obligations()).append("</td><td class=\"num\">").append(m.systems())
                .append("</td></tr>"));
        table.append("</table></details>");
        return "<section><h2>Deadline timeline: open obligations by due month</h2>" + svg + table + "</section>";
    }

    private static String obligationList(String id, String title, List<ObligationRow> rows, long total) {
        StringBuilder s = new StringBuilder("<section><h2>").append(esc(title)).append(" (").append(total).append(")</h2>");
        if (rows.size() < total) {
            s.append("<p><small>the first ").append(rows.size()).append(" shown</small></p>");
        }
        s.append("<table id=\"").append(esc(id)).append("\"><tr><th>due</th><th>system</th><th>organisation</th><th>obligation</th>")
                .append("<th>article</th></tr>");
        for (ObligationRow o : rows) {
            s.append("<tr><td>").append(esc(o.dueDate())).append("</td><td><a href=\"/dashboard/systems/").append(esc(url(o.systemId())))
                    .append("\">").append(esc(o.systemName())).append("</a></td><td>").append(esc(o.organisation())).append("</td><td>")
                    .append(esc(o.code())).append(": ").append(esc(o.title())).append("</td><td>").append(esc(o.article()))
                    .append("</td></tr>");
        }
        return s.append("</table></section>").toString();
    }

    private String systemPage(AiSystemRecord state) {
        JsonNode facts = json.valueToTree(state);
        StringBuilder body = new StringBuilder();
        body.append("<section><h2 id=\"system-name\">").append(esc(state.name())).append("</h2><p>")
                .append("<a href=\"/dashboard?organisation=").append(esc(url(state.organisation()))).append("\">")
                .append(esc(state.organisation())).append("</a> · phase <b id=\"phase\">").append(esc(state.phase()))
                .append("</b> · risk class <b id=\"risk-class\">").append(esc(state.riskClass())).append("</b></p>");
        body.append("<table id=\"facts\"><tr><th>fact</th><th>value</th></tr>");
        for (String field : facts.propertyNames()) {
            JsonNode value = facts.get(field);
            if (value.isNull() || (value.isContainer() && value.isEmpty())) {
                continue;
            }
            body.append("<tr><td>").append(esc(field)).append("</td><td data-fact=\"").append(esc(field)).append("\">")
                    .append(esc(value.isValueNode() ? value.asString() : value.toString())).append("</td></tr>");
        }
        body.append("</table></section>");

        List<ObligationRow> rows = obligations.list(new ObligationFilter(null, state.id(), null, null), 1000, 0);
        body.append("<section><h2>Obligations</h2>");
        if (!rows.isEmpty()) {
            body.append("<p><small>evaluated for ").append(esc(rows.get(0).evaluatedOn())).append("</small></p>");
        }
        body.append("<table id=\"obligations\"><tr><th>code</th><th>article</th><th>obligation</th><th>due</th><th>status</th>")
                .append("<th>rulebook</th><th>reason</th><th>source</th></tr>");
        for (ObligationRow o : rows) {
            body.append("<tr data-code=\"").append(esc(o.code())).append("\"><td>").append(esc(o.code())).append("</td><td>")
                    .append(esc(o.article())).append("</td><td>").append(esc(o.title())).append("</td><td class=\"due\">")
                    .append(esc(o.dueDate())).append("</td><td class=\"status ").append(esc(o.status())).append("\">")
                    .append(esc(o.status())).append("</td><td>").append(esc(o.rulebook())).append("</td><td><small>")
                    .append(esc(o.reason())).append("</small></td><td><small>").append(esc(o.source())).append("</small></td></tr>");
        }
        body.append("</table></section>");

        body.append("<section><h2>History</h2><table id=\"history\"><tr><th>#</th><th>event</th><th>effective</th><th>recorded</th>")
                .append("<th>actor</th><th>reason</th><th>details</th></tr>");
        for (HistoryEntry e : history.of(state.id(), 1000, 0)) {
            Map<String, String> metadata = e.metadata() == null ? Map.of() : e.metadata();
            body.append("<tr><td>").append(e.sequenceNumber()).append("</td><td>").append(esc(e.type())).append("</td><td>")
                    .append(esc(e.effectiveDate())).append("</td><td>").append(esc(e.recordedAt() == null ? "" : RECORDED.format(e.recordedAt())))
                    .append("</td><td>").append(esc(metadata.get("actor"))).append("</td><td>").append(esc(metadata.get("reason")))
                    .append("</td><td><small>").append(esc(e.payload() == null ? "" : e.payload().toString())).append("</small></td></tr>");
        }
        body.append("</table></section>");
        return Html.page(state.name() + " · AI Act obligations", body.toString());
    }

    private static ResponseEntity<String> html(HttpStatus status, String page) {
        return ResponseEntity.status(status).contentType(HTML).header("Content-Security-Policy",
                "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'").body(page);
    }
}
