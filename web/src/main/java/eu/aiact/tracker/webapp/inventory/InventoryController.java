package eu.aiact.tracker.webapp.inventory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;

/**
 * The inventory: every system the user may read, searched, filtered, sorted and paged by the query service, and a CSV download of
 * exactly the filtered list (every page of it).
 */
@Controller
public class InventoryController {

    static final int PAGE_SIZE = 25;
    private static final int DOWNLOAD_PAGE = 1000;

    private final Backend backend;
    private final MessageSource messages;

    public InventoryController(Backend backend, MessageSource messages) {
        this.backend = backend;
        this.messages = messages;
    }

    @GetMapping("/systems")
    String inventory(@ModelAttribute("filter") InventoryFilter filter, SignedInUser user,
            @RequestHeader(value = "HX-Request", required = false) String htmx, Model model) {
        ResponseEntity<byte[]> answer = backend.getRaw(Service.QUERY, "/api/systems", query(filter, PAGE_SIZE, filter.offset(PAGE_SIZE)));
        List<?> systems = (List<?>) tools.jackson.databind.json.JsonMapper.builder().build().readValue(answer.getBody(), List.class);
        long total = Long.parseLong(answer.getHeaders().getFirst("X-Total-Count") == null ? String.valueOf(systems.size())
                : answer.getHeaders().getFirst("X-Total-Count"));
        model.addAttribute("systems", systems);
        model.addAttribute("total", total);
        model.addAttribute("page", filter.pageNumber());
        model.addAttribute("pages", Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE));
        model.addAttribute("first", total == 0 ? 0 : filter.offset(PAGE_SIZE) + 1);
        model.addAttribute("last", Math.min(total, filter.offset(PAGE_SIZE) + systems.size()));
        model.addAttribute("phases", Phase.values());
        model.addAttribute("riskClasses", RiskClass.values());
        model.addAttribute("organisations", organisations(user));
        model.addAttribute("csvQuery", filter.queryString(false));
        return htmx != null ? "inventory :: results" : "inventory";
    }

    /** The filtered list as CSV (UTF-8 with a byte order mark, for spreadsheets), every matching system, in the chosen order. */
    @GetMapping("/systems.csv")
    ResponseEntity<byte[]> csv(@ModelAttribute("filter") InventoryFilter filter) {
        List<String> columns = List.of("id", "organisation", "name", "phase", "paused", "riskClass", "purpose", "supplier", "model",
                "developedBy", "role", "generativeAi", "registeredOn", "experimentStartedOn", "inServiceSince", "endedOn",
                "flaggedForReview", "version");
        StringBuilder csv = new StringBuilder("\uFEFF");
        row(csv, columns.stream().map(column -> messages.getMessage("field." + column, null, column, LocaleContextHolder.getLocale()))
                .toList());
        for (int offset = 0; ; offset += DOWNLOAD_PAGE) {
            List<Map<String, Object>> page = backend.getList(Service.QUERY, "/api/systems", query(filter, DOWNLOAD_PAGE, offset));
            for (Map<String, Object> system : page) {
                List<String> values = new ArrayList<>();
                for (String column : columns) {
                    Object value = system.get(column);
                    values.add(value == null ? "" : value.toString());
                }
                row(csv, values);
            }
            if (page.size() < DOWNLOAD_PAGE) {
                break;
            }
        }
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"ai-systems.csv\"")
                .body(csv.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The organisations the user may read: for the filter's choices. */
    private List<String> organisations(SignedInUser user) {
        if (user == null) {
            return List.of();
        }
        Map<String, Object> counts = backend.getMap(Service.QUERY, "/api/portfolio/organisations", Map.of());
        return user.scope(Capability.READ).map(List::copyOf).orElseGet(() -> List.copyOf(counts.keySet()));
    }

    static Map<String, Object> query(InventoryFilter filter, int limit, int offset) {
        Map<String, Object> query = new LinkedHashMap<>(filter.apiParameters());
        query.put("limit", limit);
        query.put("offset", offset);
        return query;
    }

    /** One CSV line (RFC 4180, CRLF); a value that a spreadsheet would read as a formula is prefixed with an apostrophe. */
    static void row(StringBuilder csv, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
                value = "'" + value;
            }
            if (i > 0) {
                csv.append(',');
            }
            if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r") || value.contains(";")) {
                csv.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                csv.append(value);
            }
        }
        csv.append("\r\n");
    }
}
