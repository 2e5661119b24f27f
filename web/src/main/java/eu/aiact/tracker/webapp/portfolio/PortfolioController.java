package eu.aiact.tracker.webapp.portfolio;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.aiact.tracker.webapp.Format;
import eu.aiact.tracker.webapp.Timeline;
import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;

/**
 * The portfolio: the court of audit's breakdowns for one organisation or all the user may view, the deadlines per month on a time line
 * proportional in time with today, and for users of every organisation ({@code cio:*}, {@code auditor:*}) a comparison across
 * organisations. The start page for everyone with an organisation role.
 */
@Controller
public class PortfolioController {

    private final Backend backend;

    public PortfolioController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/")
    String home(SignedInUser user, Model model) {
        if (user == null || !user.canView()) {
            return "home-admin";
        }
        return "redirect:/portfolio";
    }

    @GetMapping("/portfolio")
    String portfolio(@RequestParam(required = false) String organisation, SignedInUser user, Model model) {
        Map<String, Object> organisations = backend.getMap(Service.QUERY, "/api/portfolio/organisations", Map.of());
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("listLimit", 20);
        java.util.Set<String> scope = user.scope(Capability.VIEW).orElse(java.util.Set.of());
        if (scope.size() == 1 && (organisation == null || organisation.isBlank() || scope.contains(organisation))) {
            // the user's one organisation: the API shows it unnamed, also before any system of it is recorded (named, an organisation
            // nobody recorded is a 404)
            organisation = scope.iterator().next();
        } else if (organisation != null && !organisation.isBlank()) {
            query.put("organisation", organisation);
        } else if (!scope.isEmpty()) {
            // several organisations but not all: the API asks to name one
            organisation = scope.iterator().next();
            query.put("organisation", organisation);
        }
        Map<String, Object> portfolio = backend.getMap(Service.QUERY, "/api/portfolio", query);
        model.addAttribute("portfolio", portfolio);
        model.addAttribute("organisation", organisation);
        model.addAttribute("organisations", organisations);
        model.addAttribute("timeline", deadlines(portfolio));
        model.addAttribute("maxMonth", maxCount(portfolio.get("deadlinesByMonth")));
        if (user.all(Capability.VIEW) && (organisation == null || organisation.isBlank())) {
            model.addAttribute("comparison", comparison(organisations));
        }
        return "portfolio";
    }

    /** One row per organisation: the portfolio's headline figures. */
    private List<Map<String, Object>> comparison(Map<String, Object> organisations) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : organisations.keySet()) {
            Map<String, Object> p = backend.getMap(Service.QUERY, "/api/portfolio", Map.of("organisation", name, "listLimit", 0));
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("organisation", name);
            row.put("systems", p.get("systems"));
            row.put("inUse", nested(p, "byPhase", "IN_USE"));
            row.put("high", nested(p, "byRiskClass", "HIGH"));
            row.put("prohibited", nested(p, "byRiskClass", "PROHIBITED"));
            row.put("overdue", p.get("overdueCount"));
            row.put("violations", p.get("violationCount"));
            row.put("registered", nested(p, "registers", "algoritmeregisterTotal"));
            rows.add(row);
        }
        return rows;
    }

    private static Object nested(Map<String, Object> map, String key, String inner) {
        return map.get(key) instanceof Map<?, ?> m && m.get(inner) != null ? m.get(inner) : 0;
    }

    private static long maxCount(Object months) {
        long max = 1;
        if (months instanceof List<?> list) {
            for (Object value : list) {
                max = Math.max(max, count(value));
            }
        }
        return max;
    }

    /** Open obligations per due month, placed in time. */
    private static Timeline deadlines(Map<String, Object> portfolio) {
        List<Timeline.Item> items = new ArrayList<>();
        if (portfolio.get("deadlinesByMonth") instanceof List<?> months) {
            for (Object value : months) {
                if (value instanceof Map<?, ?> month && month.get("month") != null) {
                    LocalDate date = YearMonth.parse(month.get("month").toString()).atDay(15);
                    items.add(new Timeline.Item(month.get("month").toString(), date, String.valueOf(count(value)),
                            String.valueOf(month.get("systems"))));
                }
            }
        }
        return Timeline.line(items, LocalDate.now(Format.ZONE));
    }

    static long count(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        if (value instanceof Map<?, ?> m) {
            Object obligations = m.get("obligations");
            return obligations instanceof Number n ? n.longValue() : 0;
        }
        return 0;
    }
}
