package eu.aiact.tracker.webapp.system;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.webapp.Format;
import eu.aiact.tracker.webapp.Timeline;
import eu.aiact.tracker.webapp.WebProperties;
import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;

/**
 * One system, readable: its facts with labels, its obligations grouped by status on a time line with today, each reason short with the
 * full text on demand, its history as a time line (effective and recorded dates, who, why), and what each rulebook version moved. It
 * shows what the query service answers this user: a 403 or 404 there is the same here.
 */
@Controller
public class SystemController {

    /** Statuses in the order a reader needs them: what is wrong first. */
    static final List<String> STATUS_ORDER = List.of(ObligationStatus.VIOLATION.name(), ObligationStatus.OVERDUE.name(),
            ObligationStatus.DUE_SOON.name(), ObligationStatus.NOT_YET_DUE.name(), ObligationStatus.FULFILLED.name(),
            ObligationStatus.NOT_APPLICABLE.name());

    private final Backend backend;
    private final WebProperties properties;

    public SystemController(Backend backend, WebProperties properties) {
        this.backend = backend;
        this.properties = properties;
    }

    @GetMapping("/systems/{id}")
    String system(@PathVariable String id, @RequestParam(required = false) Long v, @RequestParam(required = false) String done,
            SignedInUser user, Model model) throws InterruptedException {
        Map<String, Object> system = settled(id, v);
        model.addAttribute("system", system);
        Map<String, Object> textFacts = new LinkedHashMap<>();
        for (String fact : List.of("organisation", "description", "purpose", "supplier", "model")) {
            if (system.get(fact) != null && !system.get(fact).toString().isBlank()) {
                textFacts.put(fact, system.get(fact));
            }
        }
        Map<String, Object> dateFacts = new LinkedHashMap<>();
        for (String fact : List.of("registeredOn", "experimentStartedOn", "inServiceSince", "pausedOn", "endedOn", "classifiedOn",
                "classificationReviewDate", "algoritmeregisterReviewDate")) {
            if (system.get(fact) != null) {
                dateFacts.put(fact, system.get(fact));
            }
        }
        model.addAttribute("textFacts", textFacts);
        model.addAttribute("dateFacts", dateFacts);
        model.addAttribute("stale", v != null && number(system.get("version")) < v);
        model.addAttribute("done", done);
        List<Map<String, Object>> obligations = backend.getList(Service.QUERY, "/api/systems/" + id + "/obligations", Map.of());
        model.addAttribute("obligationGroups", grouped(obligations));
        model.addAttribute("obligationCount", obligations.size());
        model.addAttribute("timeline", timeline(obligations));
        List<Map<String, Object>> history = backend.getList(Service.QUERY, "/api/systems/" + id + "/history", Map.of());
        List<Map<String, Object>> newestFirst = new ArrayList<>(history);
        java.util.Collections.reverse(newestFirst);
        model.addAttribute("history", newestFirst);
        model.addAttribute("changes", backend.getList(Service.QUERY, "/api/rulebooks/changes", Map.of("systemId", id)));
        String organisation = String.valueOf(system.get("organisation"));
        boolean writer = user != null && user.may(Capability.WRITE, organisation);
        model.addAttribute("mayWrite", writer);
        model.addAttribute("mayAudit", user != null && user.may(Capability.AUDIT, organisation));
        model.addAttribute("commands", writer ? Command.offeredFor(String.valueOf(system.get("phase")),
                Boolean.TRUE.equals(system.get("paused"))) : List.of());
        model.addAttribute("assessments", system.get("assessments") instanceof Map<?, ?> a ? a.values() : List.of());
        return "system";
    }

    /** The system from the query service; after a command (version {@code v}), waits a moment for the projection to show it. */
    Map<String, Object> settled(String id, Long v) throws InterruptedException {
        Instant deadline = Instant.now().plus(properties.settleTimeout());
        while (true) {
            try {
                Map<String, Object> system = backend.getMap(Service.QUERY, "/api/systems/" + id, Map.of());
                if (v == null || number(system.get("version")) >= v || Instant.now().isAfter(deadline)) {
                    return system;
                }
            } catch (BackendProblem problem) {
                // a system registered a moment ago is not in the projection yet
                if (problem.status() != 404 || v == null || Instant.now().isAfter(deadline)) {
                    throw problem;
                }
            }
            Thread.sleep(150);
        }
    }

    static long number(Object value) {
        return value instanceof Number n ? n.longValue() : -1;
    }

    static Map<String, List<Map<String, Object>>> grouped(List<Map<String, Object>> obligations) {
        Map<String, List<Map<String, Object>>> groups = new LinkedHashMap<>();
        for (String status : STATUS_ORDER) {
            List<Map<String, Object>> inStatus = obligations.stream().filter(o -> status.equals(o.get("status"))).toList();
            if (!inStatus.isEmpty()) {
                groups.put(status, inStatus);
            }
        }
        obligations.stream().filter(o -> !STATUS_ORDER.contains(String.valueOf(o.get("status"))))
                .forEach(o -> groups.computeIfAbsent(String.valueOf(o.get("status")), s -> new ArrayList<>()).add(o));
        return groups;
    }

    static Timeline timeline(List<Map<String, Object>> obligations) {
        List<Timeline.Item> items = new ArrayList<>();
        for (Map<String, Object> obligation : obligations) {
            if (obligation.get("dueDate") != null) {
                items.add(new Timeline.Item(String.valueOf(obligation.get("code")), LocalDate.parse(obligation.get("dueDate").toString()),
                        String.valueOf(obligation.get("status")), String.valueOf(obligation.get("title"))));
            }
        }
        return Timeline.rows(items, LocalDate.now(Format.ZONE), 26);
    }
}
