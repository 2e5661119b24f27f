package eu.aiact.tracker.query.export;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The systems of an organisation (or all) as entries of the Algoritmeregister's publication standard. A system that lacks a required
 * field, or whose name or short description is too long for the standard, is refused with the list of what is missing or too long.
 */
@Component
public class AlgoritmeregisterExport {

    static final int MAX_NAME = 100;
    static final int MAX_DESCRIPTION = 350;
    /** The CSV columns, in order: the publication standard's field names. */
    static final List<String> COLUMNS = List.of("systemId", "name", "shortDescription", "organisation", "status", "beginDate", "endDate",
            "contact", "publicationCategory", "impactAssessments");

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ExportProperties properties;

    public AlgoritmeregisterExport(JdbcTemplate jdbc, JsonMapper json, ExportProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.properties = properties;
    }

    /** One entry of the register. */
    @JsonPropertyOrder({"systemId", "name", "shortDescription", "organisation", "status", "beginDate", "endDate", "contact",
            "publicationCategory", "impactAssessments"})
    public record Entry(String systemId, String name, String shortDescription, String organisation, String status, String beginDate,
            String endDate, String contact, String publicationCategory, String impactAssessments) {

        List<String> values() {
            return java.util.Arrays.asList(systemId, name, shortDescription, organisation, status, beginDate, endDate, contact,
                    publicationCategory, impactAssessments);
        }
    }

    /** A system the export leaves out, and why: the required fields it misses, and the fields that are too long. */
    public record Refused(String systemId, String name, List<String> missing, List<String> tooLong) {
    }

    public record Result(String organisation, List<Entry> exported, List<Refused> refused) {
    }

    public Result export(String organisation) {
        List<Entry> exported = new ArrayList<>();
        List<Refused> refused = new ArrayList<>();
        String sql = "SELECT state FROM ai_system" + (organisation == null ? "" : " WHERE organisation = ?") + " ORDER BY organisation, name, id";
        jdbc.query(sql, rs -> {
            JsonNode state = json.readTree(rs.getString(1));
            Entry entry = entry(state);
            List<String> missing = new ArrayList<>();
            List<String> tooLong = new ArrayList<>();
            Map<String, String> required = new LinkedHashMap<>();
            required.put("name", entry.name());
            required.put("shortDescription", entry.shortDescription());
            required.put("organisation", entry.organisation());
            required.put("status", entry.status());
            required.put("beginDate", entry.beginDate());
            if ("Buiten gebruik".equals(entry.status())) {
                required.put("endDate", entry.endDate());
            }
            required.put("contact", entry.contact());
            required.put("publicationCategory", entry.publicationCategory());
            required.forEach((field, value) -> {
                if (value == null || value.isBlank()) {
                    missing.add(field);
                }
            });
            if (entry.name() != null && entry.name().length() >= MAX_NAME) {
                tooLong.add("name (" + entry.name().length() + " characters, fewer than " + MAX_NAME + " allowed)");
            }
            if (entry.shortDescription() != null && entry.shortDescription().length() >= MAX_DESCRIPTION) {
                tooLong.add("shortDescription (" + entry.shortDescription().length() + " characters, fewer than " + MAX_DESCRIPTION
                        + " allowed)");
            }
            if (missing.isEmpty() && tooLong.isEmpty()) {
                exported.add(entry);
            } else {
                refused.add(new Refused(entry.systemId(), entry.name(), missing, tooLong));
            }
        }, organisation == null ? new Object[0] : new Object[] {organisation});
        return new Result(organisation, exported, refused);
    }

    private Entry entry(JsonNode state) {
        String phase = text(state, "phase");
        String status = phase == null ? null : switch (phase) {
            case "PLANNED", "EXPERIMENT" -> "In ontwikkeling";
            case "IN_USE" -> "In gebruik";
            case "ENDED" -> "Buiten gebruik";
            default -> null;
        };
        String begin = "IN_USE".equals(phase) || text(state, "inServiceSince") != null
                ? first(text(state, "inServiceSince"), text(state, "experimentStartedOn"), text(state, "registeredOn"))
                : first(text(state, "experimentStartedOn"), text(state, "registeredOn"));
        String organisation = text(state, "organisation");
        return new Entry(text(state, "id"), text(state, "name"), text(state, "description"), organisation, status, begin,
                text(state, "endedOn"), organisation == null ? null : properties.contacts().get(organisation), category(state),
                impactAssessments(state));
    }

    /**
     * The publication category: the one the system is published under in the Algoritmeregister; otherwise A for a high-risk system
     * (category A is high-risk AI); otherwise unknown (B or C needs a human's judgement of the impact).
     */
    private static String category(JsonNode state) {
        for (JsonNode registration : state.path("registrations")) {
            if ("ALGORITMEREGISTER".equals(text(registration, "register")) && text(registration, "category") != null) {
                return text(registration, "category");
            }
        }
        return "HIGH".equals(text(state, "riskClass")) ? "A" : null;
    }

    /** The impact assessments done, by name ("DPIA, IAMA"); a pre-scan and an assessment of another kind by their names. */
    private static String impactAssessments(JsonNode state) {
        List<String> done = new ArrayList<>();
        for (JsonNode assessment : state.path("assessments")) {
            if (!"DONE".equals(text(assessment, "status"))) {
                continue;
            }
            String type = text(assessment, "type");
            String name = "OTHER".equals(type) ? first(text(assessment, "name"), "Other") : "PRE_SCAN".equals(type) ? "Pre-scan" : type;
            if (name != null && !done.contains(name)) {
                done.add(name);
            }
        }
        return String.join(", ", done);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }
}
