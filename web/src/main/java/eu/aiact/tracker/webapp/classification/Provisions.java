package eu.aiact.tracker.webapp.classification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.webapp.backend.Backend;
import eu.aiact.tracker.webapp.backend.BackendProblem;
import eu.aiact.tracker.webapp.backend.Service;

/**
 * The catalogue of legal provisions, {@code GET /api/provisions} on the command service: {@code [{id, kind, title: {nl, en}, aliases,
 * source}]}. The legal grounds a classification may name; the pickers and the classification aid offer them by kind. While the
 * command service does not offer the catalogue, it is empty and the forms let the user type a ground in.
 */
@Component
public class Provisions {

    /** One provision, with its title in the page's language. */
    public record Provision(String id, String kind, String title, String source, List<String> aliases) {
        /** The value a picker submits: {@code KIND|reference}. */
        public String value() {
            return kind + "|" + id;
        }
    }

    private final Backend backend;

    public Provisions(Backend backend) {
        this.backend = backend;
    }

    /** The provisions by kind (ART5_PRACTICE, ANNEX_III_AREA, ANNEX_I_PRODUCT, ART50_TYPE, ART6_3_EXEMPTION ...), in catalogue order. */
    public Map<String, List<Provision>> byKind() {
        Map<String, List<Provision>> byKind = new LinkedHashMap<>();
        for (Provision provision : all()) {
            byKind.computeIfAbsent(provision.kind(), k -> new ArrayList<>()).add(provision);
        }
        return byKind;
    }

    @SuppressWarnings("unchecked")
    public List<Provision> all() {
        Object answer;
        try {
            answer = backend.get(Service.COMMAND, "/api/provisions", Map.of());
        } catch (BackendProblem notOffered) {
            return List.of();
        }
        if (!(answer instanceof List<?> list)) {
            return List.of();
        }
        String language = LocaleContextHolder.getLocale().getLanguage().equals("en") ? "en" : "nl";
        List<Provision> provisions = new ArrayList<>();
        for (Object item : list) {
            if (item instanceof Map<?, ?> map && map.get("id") != null && map.get("kind") != null) {
                Object title = map.get("title");
                String text = title instanceof Map<?, ?> titles ? String.valueOf(((Map<String, Object>) titles).getOrDefault(language,
                        ((Map<String, Object>) titles).values().stream().findFirst().orElse(map.get("id")))) : String.valueOf(title);
                List<String> aliases = map.get("aliases") instanceof List<?> names ? names.stream().map(String::valueOf).toList() : List.of();
                provisions.add(new Provision(map.get("id").toString(), map.get("kind").toString(), text,
                        map.get("source") == null ? null : map.get("source").toString(), aliases));
            }
        }
        return provisions;
    }
}
