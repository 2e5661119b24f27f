package eu.aiact.tracker.webapp.alerts;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;

/**
 * The organisation's alerts from the notifier (open, acknowledged, by system), their acknowledgement, and for its CIO office the
 * recipients and the coverage warnings.
 */
@Controller
public class AlertsController {

    private final Backend backend;

    public AlertsController(Backend backend) {
        this.backend = backend;
    }

    @GetMapping("/alerts")
    String alerts(@RequestParam(required = false) String organisation, @RequestParam(required = false) String systemId,
            @RequestParam(defaultValue = "open") String show, SignedInUser user, Model model) {
        List<String> organisations = organisations(user, Capability.VIEW);
        String chosen = organisation != null && !organisation.isBlank() ? organisation
                : organisations.size() == 1 ? organisations.get(0) : null;
        Map<String, Object> query = new LinkedHashMap<>();
        query.put("organisation", chosen);
        query.put("systemId", systemId);
        query.put("limit", 1000);
        List<Map<String, Object>> entries = backend.getList(Service.NOTIFIER, "/api/alerts", query);
        List<Map<String, Object>> shown = new ArrayList<>();
        Map<String, String> systems = new LinkedHashMap<>();
        for (Map<String, Object> entry : entries) {
            Map<?, ?> alert = (Map<?, ?>) entry.get("alert");
            if (alert != null && alert.get("systemId") != null) {
                systems.put(String.valueOf(alert.get("systemId")), String.valueOf(alert.get("systemName")));
            }
            boolean acknowledged = acknowledged(entry);
            entry.put("acknowledgedFlag", acknowledged);
            if (show.equals("all") || show.equals("acknowledged") == acknowledged) {
                shown.add(entry);
            }
        }
        model.addAttribute("entries", shown);
        model.addAttribute("systems", systems);
        model.addAttribute("show", show);
        model.addAttribute("organisation", chosen);
        model.addAttribute("systemId", systemId);
        model.addAttribute("organisations", organisations);
        model.addAttribute("mayAcknowledge", chosen != null && user.may(Capability.WRITE, chosen) || chosen == null && user.canWrite());
        if (chosen != null && (user.may(Capability.CONFIGURE_ALERTS, chosen) || user.may(Capability.AUDIT, chosen) && user.isAuditor())) {
            model.addAttribute("recipients", optional(() -> backend.getMap(Service.NOTIFIER, "/api/organisations/" + chosen + "/recipients", Map.of())));
            model.addAttribute("mayConfigure", user.may(Capability.CONFIGURE_ALERTS, chosen));
        }
        if (user.canConfigureAlerts()) {
            model.addAttribute("coverageMap", optional(() -> backend.getMap(Service.NOTIFIER, "/api/coverage", Map.of())));
        }
        return "alerts";
    }

    /** Acknowledges an alert: who takes it up and a note. */
    @PostMapping("/alerts/acknowledge")
    String acknowledge(@RequestParam String key, @RequestParam(required = false) String note, @RequestParam(required = false) String owner,
            @RequestParam(required = false) String organisation, RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("note", note == null || note.isBlank() ? null : note.strip());
        body.put("owner", owner == null || owner.isBlank() ? null : owner.strip());
        try {
            backend.post(Service.NOTIFIER, "/api/alerts/" + key + "/acknowledgements", Map.of(), body, Map.of());
            redirect.addFlashAttribute("acknowledged", key);
        } catch (BackendProblem problem) {
            if (problem.status() == 403 || problem.status() == 404 && problem.detail() != null && problem.detail().contains("alert")) {
                throw problem;
            }
            redirect.addFlashAttribute("ackProblem", problem.detail() == null ? String.valueOf(problem.status()) : problem.detail());
        }
        redirect.addAttribute("organisation", organisation);
        return "redirect:/alerts";
    }

    @PostMapping("/alerts/recipients")
    String recipients(@RequestParam String organisation, @RequestParam(required = false) String cioOffice,
            @RequestParam(required = false) String reviewers, @RequestParam(required = false) String webhookUrl,
            @RequestParam(required = false) String webhookSecret, @RequestParam(required = false) String digest,
            RedirectAttributes redirect) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cioOffice", blank(cioOffice));
        body.put("reviewers", reviewers == null ? List.of() : List.of(reviewers.split("[,;\\s]+")).stream().filter(r -> !r.isBlank()).toList());
        body.put("webhookUrl", blank(webhookUrl));
        body.put("webhookSecret", blank(webhookSecret));
        body.put("digest", "true".equals(digest));
        try {
            backend.put(Service.NOTIFIER, "/api/organisations/" + organisation + "/recipients", body);
            redirect.addFlashAttribute("recipientsSaved", true);
        } catch (BackendProblem problem) {
            if (problem.status() == 403) {
                throw problem;
            }
            redirect.addFlashAttribute("recipientsProblem", problem.errors().isEmpty() ? problem.detail()
                    : problem.errors().stream().map(e -> e.field() + ": " + e.message()).reduce((a, b) -> a + "; " + b).orElse(""));
        }
        redirect.addAttribute("organisation", organisation);
        return "redirect:/alerts";
    }

    static boolean acknowledged(Map<String, Object> entry) {
        Object alert = entry.get("alert");
        return entry.get("acknowledgement") != null || entry.get("acknowledgedAt") != null
                || alert instanceof Map<?, ?> a && (a.get("acknowledgement") != null || a.get("acknowledgedAt") != null);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Object optional(java.util.function.Supplier<Object> call) {
        try {
            return call.get();
        } catch (BackendProblem notThere) {
            return null;
        }
    }

    private List<String> organisations(SignedInUser user, Capability capability) {
        Map<String, Object> counts = backend.getMap(Service.QUERY, "/api/portfolio/organisations", Map.of());
        return user.scope(capability).map(List::copyOf).orElseGet(() -> List.copyOf(counts.keySet()));
    }
}
