package eu.aiact.tracker.webapp.system;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

/**
 * A command's JSON body from its submitted form: empty fields left out (the service then applies its defaults), yes/no as booleans, a
 * checkbox as true or false, legal grounds ({@code KIND|reference} values, or a kind and reference typed in) as {@code bases}, and the
 * version the form was opened on as {@code expectedVersion}.
 */
final class CommandBody {

    private CommandBody() {
    }

    static Map<String, Object> of(Command command, MultiValueMap<String, String> form) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (Field field : command.fields()) {
            String value = first(form, field.name());
            switch (field.kind()) {
                case YES_NO -> {
                    if ("true".equals(value) || "false".equals(value)) {
                        body.put(field.name(), Boolean.valueOf(value));
                    }
                }
                case CHECKBOX -> body.put(field.name(), "true".equals(value));
                case BASES -> {
                    List<Map<String, String>> bases = new ArrayList<>();
                    for (String basis : form.getOrDefault("bases", List.of())) {
                        int bar = basis.indexOf('|');
                        if (bar > 0) {
                            bases.add(Map.of("kind", basis.substring(0, bar), "reference", basis.substring(bar + 1)));
                        }
                    }
                    String kind = first(form, "basisKind");
                    String reference = first(form, "basisReference");
                    if (kind != null && reference != null) {
                        bases.add(Map.of("kind", kind, "reference", reference));
                    }
                    body.put("bases", bases);
                }
                default -> {
                    if (value != null) {
                        body.put(field.name(), value);
                    }
                }
            }
        }
        String version = first(form, "expectedVersion");
        if (version != null && command != Command.REGISTER) {
            try {
                body.put("expectedVersion", Long.parseLong(version));
            } catch (NumberFormatException ignored) {
                // the form's own hidden field; a tampered one is left out
            }
        }
        return body;
    }

    static String first(MultiValueMap<String, String> form, String name) {
        String value = form.getFirst(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
