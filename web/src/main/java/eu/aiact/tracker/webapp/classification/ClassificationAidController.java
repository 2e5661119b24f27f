package eu.aiact.tracker.webapp.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.Service;

/**
 * The classification aid: a guided questionnaire (role; Art 5 practices; Annex I product; Annex III area and the Art 6(3) exceptions;
 * Art 50 types; general-purpose AI) over the catalogue of provisions, that proposes the risk class with its legal grounds and, for a
 * system, records it with the answers as its rationale (through the classification command).
 */
@Controller
public class ClassificationAidController {

    private final Provisions provisions;
    private final Backend backend;
    private final MessageSource messages;

    public ClassificationAidController(Provisions provisions, Backend backend, MessageSource messages) {
        this.provisions = provisions;
        this.backend = backend;
        this.messages = messages;
    }

    @GetMapping("/classification-aid")
    String questionnaire(@RequestParam(required = false) String systemId, Model model) {
        model.addAttribute("provisions", provisions.byKind());
        model.addAttribute("systemId", systemId);
        if (systemId != null && !systemId.isBlank()) {
            model.addAttribute("system", backend.getMap(Service.QUERY, "/api/systems/" + systemId, Map.of()));
        }
        return "classification-aid";
    }

    @PostMapping("/classification-aid")
    String propose(@RequestParam MultiValueMap<String, String> form, Model model) {
        ClassificationAid.Answers answers = new ClassificationAid.Answers(first(form, "role"), list(form, "practices"),
                list(form, "products"), list(form, "areas"), list(form, "exemptions"), "true".equals(first(form, "profiling")),
                list(form, "transparency"), first(form, "gpai") == null ? "NONE" : first(form, "gpai"));
        ClassificationAid.Proposal proposal = ClassificationAid.propose(answers);
        Map<String, List<Provisions.Provision>> catalogue = provisions.byKind();
        List<Provisions.Provision> chosen = new ArrayList<>();
        for (ClassificationAid.Ground ground : proposal.grounds()) {
            catalogue.getOrDefault(ground.kind(), List.of()).stream().filter(p -> p.id().equals(ground.reference())).findFirst()
                    .ifPresent(chosen::add);
        }
        String systemId = first(form, "systemId");
        model.addAttribute("answers", answers);
        model.addAttribute("proposal", proposal);
        model.addAttribute("chosen", chosen);
        model.addAttribute("rationale", rationale(answers, proposal));
        model.addAttribute("systemId", systemId);
        model.addAttribute("idempotencyKey", UUID.randomUUID().toString());
        if (systemId != null) {
            Map<String, Object> system = backend.getMap(Service.QUERY, "/api/systems/" + systemId, Map.of());
            model.addAttribute("system", system);
        }
        return "classification-proposal";
    }

    /** The answers in words, in the page's language: recorded with the classification as its rationale. */
    private String rationale(ClassificationAid.Answers answers, ClassificationAid.Proposal proposal) {
        java.util.Locale locale = LocaleContextHolder.getLocale();
        StringBuilder text = new StringBuilder(messages.getMessage("aid.rationale.intro", null, locale));
        if (answers.role() != null) {
            text.append(' ').append(messages.getMessage("field.role", null, locale)).append(": ")
                    .append(messages.getMessage("enum.Role." + answers.role(), null, answers.role(), locale)).append('.');
        }
        append(text, "aid.q.practices", answers.practices(), locale);
        append(text, "aid.q.products", answers.products(), locale);
        append(text, "aid.q.areas", answers.areas(), locale);
        append(text, "aid.q.exemptions", answers.exemptions(), locale);
        text.append(' ').append(messages.getMessage("aid.q.profiling", null, locale).replaceAll("\\?$", "")).append(": ")
                .append(messages.getMessage("enum.Boolean." + answers.profiling(), null, locale)).append('.');
        append(text, "aid.q.transparency", answers.transparency(), locale);
        text.append(' ').append(messages.getMessage("field.gpai", null, locale)).append(": ")
                .append(messages.getMessage("enum.GpaiRelation." + answers.gpai(), null, answers.gpai(), locale)).append('.');
        text.append(' ').append(messages.getMessage(proposal.because(), null, locale));
        return text.toString();
    }

    private void append(StringBuilder text, String question, List<String> ids, java.util.Locale locale) {
        text.append(' ').append(messages.getMessage(question, null, locale).replaceAll("\\?$", "")).append(": ")
                .append(ids.isEmpty() ? messages.getMessage("aid.none", null, locale) : String.join(", ", ids)).append('.');
    }

    private static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static List<String> list(MultiValueMap<String, String> form, String name) {
        return form.getOrDefault(name, List.of()).stream().filter(v -> !v.isBlank()).map(String::strip).distinct().toList();
    }
}
