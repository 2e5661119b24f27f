package eu.aiact.tracker.webapp.audit;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

import eu.aiact.tracker.webapp.Format;
import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;

/**
 * What auditors (and CIO offices, for their own organisation) read: a system or an organisation on a date (the effective axis) as it was
 * known at a moment (the recorded axis), the history with its filters and exports, and the verification of the event chain.
 */
@Controller
public class AuditController {

    static final int PAGE = 50;
    private final Backend backend;

    public AuditController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/audit")
    String index(SignedInUser user, Model model) {
        model.addAttribute("organisations", organisations(user));
        model.addAttribute("today", LocalDate.now(Format.ZONE).toString());
        return "audit";
    }

    @GetMapping("/audit/organisations")
    String organisation(@RequestParam String organisation, @RequestParam String date, @RequestParam(required = false) String knownAtDate,
            @RequestParam(required = false) String knownAtTime, SignedInUser user, Model model) {
        Map<String, Object> asOf = backend.getMap(Service.QUERY, "/api/organisations/" + organisation + "/as-of",
                params(date, knownAtDate, knownAtTime));
        model.addAttribute("asOf", asOf);
        model.addAttribute("organisation", organisation);
        model.addAttribute("organisations", organisations(user));
        pickers(model, date, knownAtDate, knownAtTime);
        return "audit-organisation";
    }

    @GetMapping("/audit/systems/{id}")
    String system(@PathVariable String id, @RequestParam(required = false) String date, @RequestParam(required = false) String knownAtDate,
            @RequestParam(required = false) String knownAtTime, Model model) {
        String day = date == null || date.isBlank() ? LocalDate.now(Format.ZONE).toString() : date;
        Map<String, Object> asOf = backend.getMap(Service.QUERY, "/api/systems/" + id + "/as-of", params(day, knownAtDate, knownAtTime));
        model.addAttribute("asOf", asOf);
        model.addAttribute("systemId", id);
        pickers(model, day, knownAtDate, knownAtTime);
        return "audit-system";
    }

    @GetMapping("/audit/history")
    String history(@RequestParam Map<String, String> filters, SignedInUser user, Model model) {
        int page = Math.max(1, parseInt(filters.get("page")));
        Map<String, Object> query = new LinkedHashMap<>(historyFilters(filters));
        query.put("limit", PAGE + 1);
        query.put("offset", (page - 1) * PAGE);
        List<Map<String, Object>> events = backend.getList(Service.QUERY, "/api/history", query);
        model.addAttribute("events", events.size() > PAGE ? events.subList(0, PAGE) : events);
        model.addAttribute("more", events.size() > PAGE);
        model.addAttribute("page", page);
        model.addAttribute("filters", filters);
        model.addAttribute("filterQuery", queryString(historyFilters(filters)));
        model.addAttribute("organisations", organisations(user));
        model.addAttribute("types", List.of("AiSystemRegistered", "ExperimentStarted", "SystemPutIntoService", "SystemPaused", "SystemResumed",
                "SystemEnded", "RiskClassified", "SignificantModificationRecorded", "AssessmentRecorded", "PublicRegistrationRecorded",
                "ObligationEvidenceRecorded", "FactCorrected"));
        return "audit-history";
    }

    /** The history's export (CSV or JSON Lines), streamed from the query service with the user's token. */
    @GetMapping("/audit/history/export")
    ResponseEntity<StreamingResponseBody> export(@RequestParam Map<String, String> filters) throws Exception {
        String format = "csv".equals(filters.get("format")) ? "csv" : "jsonl";
        UriComponentsBuilder uri = UriComponentsBuilder.fromUri(backend.base(Service.QUERY)).path("/api/history/export")
                .queryParam("format", format);
        historyFilters(filters).forEach(uri::queryParam);
        HttpRequest request = HttpRequest.newBuilder(uri.encode().build().toUri()).timeout(Duration.ofMinutes(10))
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + backend.accessToken()).GET().build();
        HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (answer.statusCode() != 200) {
            byte[] body;
            try (InputStream in = answer.body()) {
                body = in.readAllBytes();
            }
            throw new BackendProblem(answer.statusCode(), Map.of("detail", new String(body, java.nio.charset.StandardCharsets.UTF_8)));
        }
        StreamingResponseBody body = out -> {
            try (InputStream in = answer.body()) {
                in.transferTo(out);
            }
        };
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, answer.headers().firstValue("Content-Type").orElse("text/plain"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"history." + format + "\"").body(body);
    }

    @GetMapping("/audit/chain")
    String chain(Model model) {
        model.addAttribute("verification", backend.getMap(Service.COMMAND, "/api/audit/chain/verify", Map.of()));
        return "audit-chain";
    }

    private static Map<String, String> historyFilters(Map<String, String> filters) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : List.of("organisation", "systemId", "type", "recordedFrom", "recordedTo", "effectiveFrom", "effectiveTo")) {
            String value = filters.get(name);
            if (value != null && !value.isBlank()) {
                kept.put(name, value.strip());
            }
        }
        return kept;
    }

    private static String queryString(Map<String, String> filters) {
        StringBuilder query = new StringBuilder();
        filters.forEach((name, value) -> query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)));
        return query.toString();
    }

    private static int parseInt(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    /** {@code date}, and {@code knownAt} from its date and time pickers (Dutch time): an instant, or the end of that day. */
    static Map<String, Object> params(String date, String knownAtDate, String knownAtTime) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("date", date);
        if (knownAtDate != null && !knownAtDate.isBlank()) {
            try {
                LocalDate day = LocalDate.parse(knownAtDate.strip());
                if (knownAtTime != null && !knownAtTime.isBlank()) {
                    params.put("knownAt", day.atTime(LocalTime.parse(knownAtTime.strip())).atZone(Format.ZONE).toInstant().toString());
                } else {
                    params.put("knownAt", day.toString());
                }
            } catch (java.time.format.DateTimeParseException invalid) {
                params.put("knownAt", knownAtDate.strip());
            }
        }
        return params;
    }

    private static void pickers(Model model, String date, String knownAtDate, String knownAtTime) {
        model.addAttribute("date", date);
        model.addAttribute("knownAtDate", knownAtDate);
        model.addAttribute("knownAtTime", knownAtTime);
    }

    private List<String> organisations(SignedInUser user) {
        Map<String, Object> counts = backend.getMap(Service.QUERY, "/api/portfolio/organisations", Map.of());
        return user.scope(Capability.AUDIT).map(List::copyOf).orElseGet(() -> List.copyOf(counts.keySet()));
    }
}
