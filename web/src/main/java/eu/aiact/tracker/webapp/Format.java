package eu.aiact.tracker.webapp;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Locale;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.stereotype.Component;

/** Formatting for the templates ({@code ${@fmt.date(...)}}): dates and times in the page's language, shortened texts. */
@Component("fmt")
public class Format {

    public static final ZoneId ZONE = ZoneId.of("Europe/Amsterdam");

    /** Which enum a field of an event's payload holds, by the field's name, for its label in the page's language. */
    private static final java.util.Map<String, String> ENUM_FIELDS = java.util.Map.ofEntries(java.util.Map.entry("phase", "Phase"),
            java.util.Map.entry("initialPhase", "Phase"), java.util.Map.entry("riskClass", "RiskClass"),
            java.util.Map.entry("developedBy", "DevelopedBy"), java.util.Map.entry("role", "Role"), java.util.Map.entry("endReason", "EndReason"),
            java.util.Map.entry("gpai", "GpaiRelation"), java.util.Map.entry("type", "AssessmentType"),
            java.util.Map.entry("status", "AssessmentStatus"), java.util.Map.entry("register", "PublicRegister"),
            java.util.Map.entry("category", "AlgoritmeregisterCategory"), java.util.Map.entry("kind", "EvidenceKind"),
            java.util.Map.entry("fact", "CorrectableFact"), java.util.Map.entry("previousRiskClass", "RiskClass"),
            java.util.Map.entry("previousPhase", "Phase"), java.util.Map.entry("previousStatus", "AssessmentStatus"));

    private final org.springframework.context.MessageSource messages;

    public Format(org.springframework.context.MessageSource messages) {
        this.messages = messages;
    }

    /** The label of a field ({@code field.<name>}), or the name itself when there is none. */
    public String label(String name) {
        return messages.getMessage("field." + name, null, name, locale());
    }

    /** A value of an event's payload in the page's language: enum constants and booleans by their label, grounds as kind and reference. */
    public String payload(String name, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof Boolean b) {
            return messages.getMessage("enum.Boolean." + b, null, b.toString(), locale());
        }
        if (value instanceof java.util.Collection<?> items) {
            java.util.List<String> parts = new java.util.ArrayList<>();
            for (Object item : items) {
                if (item instanceof java.util.Map<?, ?> basis && basis.get("kind") != null) {
                    parts.add(messages.getMessage("enum.BasisKind." + basis.get("kind"), null, String.valueOf(basis.get("kind")), locale())
                            + " " + basis.get("reference"));
                } else {
                    parts.add(String.valueOf(item));
                }
            }
            return String.join(", ", parts);
        }
        String type = "reason".equals(name) && value.toString().matches("[A-Z_]+") ? "EndReason" : ENUM_FIELDS.get(name);
        if (type != null) {
            return messages.getMessage("enum." + type + "." + value, null, value.toString(), locale());
        }
        if (name.endsWith("Date") || name.endsWith("On") || name.equals("date")) {
            return date(value);
        }
        return value.toString();
    }

    /** An ISO date as the language writes it ("1 feb 2023"); anything else as it is; null as an empty string. */
    public String date(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return LocalDate.parse(value.toString()).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()));
        } catch (DateTimeParseException notADate) {
            return value.toString();
        }
    }

    /** An ISO instant as a date and time in Dutch time. */
    public String instant(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return Instant.parse(value.toString()).atZone(ZONE)
                    .format(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale()));
        } catch (DateTimeParseException notAnInstant) {
            return value.toString();
        }
    }

    /** The first {@code max} characters of a text, cut at a word, with an ellipsis when cut. */
    public String shorten(Object value, int max) {
        if (value == null) {
            return "";
        }
        String text = value.toString().strip();
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max).strip() + " …";
    }

    public boolean longer(Object value, int max) {
        return value != null && value.toString().strip().length() > max;
    }

    /** A number with the language's grouping ("1.234" or "1,234"). */
    public String number(Object value) {
        if (value instanceof Number number) {
            return java.text.NumberFormat.getIntegerInstance(locale()).format(number);
        }
        return value == null ? "0" : value.toString();
    }

    public String today() {
        return LocalDate.now(ZONE).toString();
    }

    private static Locale locale() {
        return LocaleContextHolder.getLocale();
    }
}
