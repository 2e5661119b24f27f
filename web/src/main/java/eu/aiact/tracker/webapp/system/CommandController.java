package eu.aiact.tracker.webapp.system;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.Service;
import eu.aiact.tracker.webapp.classification.Provisions;
import eu.aiact.tracker.webapp.security.SignedInUser;
import eu.aiact.tracker.web.security.Capability;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A form for every command of the command service. The form is sent as the command's JSON body with the signed-in user's token, an
 * idempotency key made when the form was shown (so a double click records once) and the version the form was opened on. A refusal is
 * shown on the form: each problem at its field, a stale version (409) explained with what changed, a step the system's state does not
 * allow (409) said as such.
 */
@Controller
public class CommandController {

    private final Backend backend;
    private final Provisions provisions;

    public CommandController(Backend backend, Provisions provisions) {
        this.backend = backend;
        this.provisions = provisions;
    }

    @GetMapping("/systems/new")
    String registerForm(SignedInUser user, Model model) {
        return form(Command.REGISTER, null, new LinkedMultiValueMap<>(), null, user, model);
    }

    @PostMapping("/systems/new")
    String register(@RequestParam MultiValueMap<String, String> form, SignedInUser user, Model model, HttpServletResponse response) {
        try {
            Map<String, Object> created = backend.post(Service.COMMAND, "/api/systems", Map.of(), CommandBody.of(Command.REGISTER, form),
                    idempotency(form));
            return "redirect:/systems/" + created.get("id") + "?v=0&done=register";
        } catch (BackendProblem problem) {
            response.setStatus(problem.status() >= 500 ? 502 : problem.status());
            return form(Command.REGISTER, null, form, problem, user, model);
        }
    }

    @GetMapping("/systems/{id}/commands/{slug}")
    String commandForm(@PathVariable String id, @PathVariable String slug, @RequestParam MultiValueMap<String, String> preset,
            SignedInUser user, Model model) {
        Command command = command(slug);
        Map<String, Object> system = backend.getMap(Service.QUERY, "/api/systems/" + id, Map.of());
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>(preset);
        form.remove("expectedVersion");
        if (command == Command.CLASSIFICATION && form.isEmpty()) {
            prefillClassification(system, form);
        }
        return form(command, system, form, null, user, model);
    }

    @PostMapping("/systems/{id}/commands/{slug}")
    String command(@PathVariable String id, @PathVariable String slug, @RequestParam MultiValueMap<String, String> form,
            SignedInUser user, Model model, HttpServletResponse response) {
        Command command = command(slug);
        try {
            Map<String, Object> outcome = backend.post(Service.COMMAND, "/api/systems/" + id + "/" + command.path(), Map.of(),
                    CommandBody.of(command, form), idempotency(form));
            return "redirect:/systems/" + id + "?v=" + outcome.get("version") + "&done=" + command.slug();
        } catch (BackendProblem problem) {
            if (problem.status() == 403 || problem.status() == 404) {
                throw problem;
            }
            response.setStatus(problem.status() >= 500 ? 502 : problem.status());
            Map<String, Object> system = backend.getMap(Service.QUERY, "/api/systems/" + id, Map.of());
            MultiValueMap<String, String> again = new LinkedMultiValueMap<>(form);
            if (problem.staleVersion()) {
                // resent, it would be checked against the version the user has now seen
                again.remove("expectedVersion");
            }
            again.remove("idempotencyKey");
            return form(command, system, again, problem, user, model);
        }
    }

    private String form(Command command, Map<String, Object> system, MultiValueMap<String, String> values, BackendProblem problem,
            SignedInUser user, Model model) {
        model.addAttribute("command", command);
        model.addAttribute("system", system);
        model.addAttribute("values", values.toSingleValueMap());
        model.addAttribute("multi", values);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        model.addAttribute("expectedVersion", values.getFirst("expectedVersion") != null ? values.getFirst("expectedVersion")
                : system == null ? null : system.get("version"));
        model.addAttribute("problem", problem);
        Map<String, String> errors = new LinkedHashMap<>();
        if (problem != null) {
            for (BackendProblem.FieldError error : problem.errors()) {
                String field = error.field().replaceAll("[.\\[].*$", "");
                errors.merge(field, error.message(), (a, b) -> a + " " + b);
            }
            if (errors.isEmpty() && problem.detail() != null) {
                errors.put("", problem.detail());
            }
        }
        model.addAttribute("errors", errors);
        model.addAttribute("fieldNames", command.fields().stream().map(Field::name).toList());
        if (command == Command.CLASSIFICATION) {
            model.addAttribute("provisions", provisions.byKind());
            model.addAttribute("basisKinds", eu.aiact.tracker.api.classification.BasisKind.values());
        }
        if (command == Command.EVIDENCE && system != null) {
            model.addAttribute("obligations", backend.getList(Service.QUERY, "/api/systems/" + system.get("id") + "/obligations", Map.of()));
        }
        if (command == Command.ASSESSMENT && system != null) {
            model.addAttribute("assessments", system.get("assessments") instanceof Map<?, ?> a ? a.values() : List.of());
        }
        if (command == Command.REGISTER) {
            model.addAttribute("organisations", user == null ? List.of() : user.scope(Capability.WRITE).map(List::copyOf).orElse(null));
        }
        return "command";
    }

    /** A classification form opens with the recorded classification, so that a reclassification starts from it. */
    @SuppressWarnings("unchecked")
    private static void prefillClassification(Map<String, Object> system, MultiValueMap<String, String> form) {
        if (system.get("riskClass") != null && !"UNKNOWN".equals(system.get("riskClass"))) {
            form.add("riskClass", system.get("riskClass").toString());
        }
        if (system.get("bases") instanceof List<?> bases) {
            for (Object basis : bases) {
                Map<String, Object> b = (Map<String, Object>) basis;
                form.add("bases", b.get("kind") + "|" + b.get("reference"));
            }
        }
        if (system.get("gpai") != null) {
            form.add("gpai", system.get("gpai").toString());
        }
        if (Boolean.TRUE.equals(system.get("annexXComponent"))) {
            form.add("annexXComponent", "true");
        }
    }

    private static Map<String, String> idempotency(MultiValueMap<String, String> form) {
        String key = CommandBody.first(form, "idempotencyKey");
        return key == null ? Map.of() : Map.of("Idempotency-Key", "web-" + key);
    }

    private static Command command(String slug) {
        return Command.ofSlug(slug).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such command: " + slug));
    }
}
