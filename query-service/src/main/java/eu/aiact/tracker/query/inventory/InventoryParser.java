package eu.aiact.tracker.query.inventory;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

/**
 * Turns an inventory in CSV (one AI system per row, columns documented in the README's "Dashboard, import and exports" section) into
 * the commands that record it, and reports every problem of every row with its row number (the line in the file; the header is row 1)
 * and column. The rules the command service keeps on one command (required fields, values, dates not ahead and in order, the legal
 * ground a risk class needs) are checked here too, so that a dry run finds them before anything is sent.
 */
@Component
public class InventoryParser {

    static final int MAX_ROWS = 100_000;
    static final List<String> COLUMNS = List.of("organisation", "name", "description", "purpose", "developed_by", "supplier", "model",
            "generative_ai", "role", "public_authority", "phase", "registered_on", "experiment_started_on", "in_service_since",
            "ended_on", "end_reason", "end_explanation", "risk_class", "risk_basis", "gpai", "classification_rationale", "dpia", "iama",
            "fria", "pre_scan", "algoritmeregister_category", "algoritmeregister_id", "eu_database_id");
    private static final Map<String, Integer> MAX_LENGTH = Map.of("organisation", 200, "name", 200, "description", 2000, "purpose", 200,
            "supplier", 200, "model", 200, "end_explanation", 2000, "classification_rationale", 5000, "algoritmeregister_id", 200,
            "eu_database_id", 200);
    private static final Map<String, String> PHASES = aliases("PLANNED", "gepland", "EXPERIMENT", "experiment", "IN_USE", "in gebruik",
            "ENDED", "beeindigd");
    private static final Map<String, String> DEVELOPED_BY = aliases("INTERNAL", "intern", "PURCHASED", "ingekocht", "PARTNERSHIP",
            "samenwerking");
    private static final Map<String, String> RISK_CLASSES = aliases("UNKNOWN", "onbekend", "MINIMAL", "minimaal", "LIMITED", "beperkt",
            "HIGH", "hoog", "PROHIBITED", "verboden");
    private static final Map<String, String> ASSESSMENT_STATUSES = aliases("NONE", "geen", "PLANNED", "gepland", "IN_PROGRESS",
            "in uitvoering", "DONE", "uitgevoerd");
    private static final Set<String> ROLES = Set.of("PROVIDER", "DEPLOYER", "BOTH");
    private static final Set<String> END_REASONS = Set.of("INEFFECTIVE", "LEGAL_ADVICE", "NO_CAPACITY", "REPLACED", "NO_LONGER_NEEDED",
            "OTHER");
    private static final Set<String> BASIS_KINDS = Set.of("ART5_PRACTICE", "ANNEX_III_AREA", "ANNEX_I_PRODUCT", "ART50_TYPE",
            "ART6_3_EXEMPTION");
    private static final Set<String> GPAI = Set.of("NONE", "USES_GPAI_MODEL", "IS_GPAI_MODEL");
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "yes", true, "ja", true, "1", true, "false", false, "no",
            false, "nee", false, "0", false);
    static final String REASON = "Inventory import";

    private final Clock clock;

    public InventoryParser(Clock clock) {
        this.clock = clock;
    }

    public record Result(List<InventoryRow> rows, List<ImportProblem> problems, int dataRows) {

        public boolean valid() {
            return problems.isEmpty();
        }

        public int commands() {
            return rows.stream().mapToInt(r -> r.commands().size()).sum();
        }
    }

    public Result parse(String csv) {
        try {
            return parse(CsvReader.read(csv == null ? "" : csv));
        } catch (CsvReader.MalformedCsvException e) {
            return new Result(List.of(), List.of(new ImportProblem(e.line, null, null, e.getMessage())), 0);
        }
    }

    /** The first sheet of an XLSX workbook, with the same columns as the CSV; problems name the sheet's row numbers. */
    public Result parseXlsx(byte[] workbook) {
        try {
            return parse(XlsxReader.read(workbook == null ? new byte[0] : workbook));
        } catch (CsvReader.MalformedCsvException e) {
            return new Result(List.of(), List.of(new ImportProblem(e.line, null, null, e.getMessage())), 0);
        }
    }

    private Result parse(List<CsvReader.Record> records) {
        List<ImportProblem> problems = new ArrayList<>();
        if (records.isEmpty()) {
            return new Result(List.of(), List.of(new ImportProblem(1, null, null, "the file is empty: a header line is required")), 0);
        }
        if (records.size() - 1 > MAX_ROWS) {
            return new Result(List.of(), List.of(new ImportProblem(1, null, null, "more than " + MAX_ROWS + " rows: split the file")),
                    records.size() - 1);
        }
        CsvReader.Record header = records.get(0);
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < header.fields().size(); i++) {
            String raw = header.fields().get(i);
            String column = raw.strip().toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
            if (!COLUMNS.contains(column)) {
                problems.add(new ImportProblem(header.line(), raw, null, "unknown column; known columns: " + COLUMNS));
            } else if (columns.putIfAbsent(column, i) != null) {
                problems.add(new ImportProblem(header.line(), raw, null, "column given twice"));
            }
        }
        for (String required : List.of("organisation", "name", "phase")) {
            if (!columns.containsKey(required)) {
                problems.add(new ImportProblem(header.line(), required, null, "required column missing"));
            }
        }
        if (!problems.isEmpty()) {
            return new Result(List.of(), problems, records.size() - 1);
        }
        List<InventoryRow> rows = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (CsvReader.Record record : records.subList(1, records.size())) {
            Row row = new Row(record, columns, problems);
            if (record.fields().size() > header.fields().size()) {
                problems.add(new ImportProblem(record.line(), null, null, record.fields().size() + " fields, the header has "
                        + header.fields().size()));
                continue;
            }
            InventoryRow parsed = row(row);
            if (parsed != null) {
                Integer earlier = seen.putIfAbsent(parsed.organisation() + "\u0000" + parsed.name(), record.line());
                if (earlier != null) {
                    problems.add(new ImportProblem(record.line(), "name", parsed.name(), "the same organisation and name as row " + earlier));
                } else {
                    rows.add(parsed);
                }
            }
        }
        return new Result(problems.isEmpty() ? rows : List.of(), problems, records.size() - 1);
    }

    /** The commands of one row, or null when it has problems (added to the row's list). */
    private InventoryRow row(Row row) {
        int before = row.problems.size();
        LocalDate today = LocalDate.now(clock);
        String organisation = row.text("organisation", true);
        String name = row.text("name", true);
        String phase = row.choice("phase", PHASES, true);
        String developedBy = row.choice("developed_by", DEVELOPED_BY, false);
        String role = row.choice("role", upper(ROLES), false);
        Boolean generativeAi = row.bool("generative_ai");
        Boolean publicAuthority = row.bool("public_authority");
        LocalDate registeredOn = row.date("registered_on", today);
        LocalDate experimentOn = row.date("experiment_started_on", today);
        LocalDate serviceOn = row.date("in_service_since", today);
        LocalDate endedOn = row.date("ended_on", today);
        String endReason = row.choice("end_reason", upper(END_REASONS), false);
        String endExplanation = row.text("end_explanation", false);
        String riskClass = row.choice("risk_class", RISK_CLASSES, false);
        List<Map<String, String>> bases = row.bases("risk_basis");
        String gpai = row.choice("gpai", upper(GPAI), false);
        String rationale = row.text("classification_rationale", false);
        String arCategory = row.choice("algoritmeregister_category", upper(Set.of("A", "B", "C")), false);
        String arId = row.text("algoritmeregister_id", false);
        String euId = row.text("eu_database_id", false);
        Map<String, String> assessments = new LinkedHashMap<>();
        for (String type : List.of("DPIA", "IAMA", "FRIA", "PRE_SCAN")) {
            String status = row.choice(type.toLowerCase(Locale.ROOT), ASSESSMENT_STATUSES, false);
            if (status != null && !status.equals("NONE")) {
                assessments.put(type, status);
            }
        }
        for (String column : MAX_LENGTH.keySet()) {
            row.maxLength(column, MAX_LENGTH.get(column));
        }
        if (phase != null) {
            checkLifecycle(row, phase, registeredOn, experimentOn, serviceOn, endedOn, endReason, endExplanation);
        }
        if (riskClass != null) {
            checkBases(row, riskClass, bases);
        }
        if (arCategory != null && arId == null) {
            row.problem("algoritmeregister_id", null, "required when algoritmeregister_category is given");
        }
        if (arId != null && arCategory == null) {
            row.problem("algoritmeregister_category", null, "required when algoritmeregister_id is given: A, B or C");
        }
        if (row.problems.size() > before) {
            return null;
        }

        List<PlannedCommand> commands = new ArrayList<>();
        boolean usedBefore = serviceOn != null;
        String initialPhase;
        LocalDate initialDate;
        if (phase.equals("PLANNED")) {
            initialPhase = "PLANNED";
            initialDate = registeredOn;
        } else if (phase.equals("EXPERIMENT") || (phase.equals("ENDED") && !usedBefore)) {
            initialPhase = "EXPERIMENT";
            initialDate = experimentOn != null ? experimentOn : registeredOn;
        } else if (experimentOn != null) {
            initialPhase = "EXPERIMENT";
            initialDate = experimentOn;
        } else {
            initialPhase = "IN_USE";
            initialDate = serviceOn;
        }
        Map<String, Object> registration = body("organisation", organisation, "name", name, "description", row.text("description", false),
                "purpose", row.text("purpose", false), "developedBy", developedBy, "supplier", row.text("supplier", false), "model",
                row.text("model", false), "generativeAi", generativeAi, "role", role, "publicAuthority", publicAuthority, "initialPhase",
                initialPhase, "effectiveDate", initialDate, "reason", REASON);
        commands.add(new PlannedCommand("register", "", registration));
        if (riskClass != null && !riskClass.equals("UNKNOWN")) {
            commands.add(new PlannedCommand("classification", "/classification", body("riskClass", riskClass, "bases", bases, "gpai", gpai,
                    "rationale", rationale != null ? rationale : "Risk class as recorded in the imported inventory", "effectiveDate",
                    initialDate, "reason", REASON)));
        }
        assessments.forEach((type, status) -> commands.add(new PlannedCommand("assessment-" + type, "/assessments", body("assessmentId",
                "import-" + type.toLowerCase(Locale.ROOT), "type", type, "status", status, "reason", REASON))));
        if (arCategory != null) {
            commands.add(new PlannedCommand("registration-ALGORITMEREGISTER", "/registrations", body("register", "ALGORITMEREGISTER",
                    "category", arCategory, "registerId", arId, "reason", REASON)));
        }
        if (euId != null) {
            commands.add(new PlannedCommand("registration-EU_DATABASE", "/registrations", body("register", "EU_DATABASE", "registerId", euId,
                    "reason", REASON)));
        }
        if (initialPhase.equals("EXPERIMENT") && usedBefore) {
            commands.add(new PlannedCommand("service", "/service", body("effectiveDate", serviceOn, "reason", REASON)));
        }
        if (phase.equals("ENDED")) {
            String reason = endReason != null ? endReason : "OTHER";
            String explanation = endExplanation != null ? endExplanation
                    : reason.equals("OTHER") ? "Ended before the inventory was imported" : null;
            commands.add(new PlannedCommand("end", "/end", body("effectiveDate", endedOn, "endReason", reason, "explanation", explanation,
                    "reason", REASON)));
        }
        return new InventoryRow(row.record.line(), organisation, name, List.copyOf(commands));
    }

    private static void checkLifecycle(Row row, String phase, LocalDate registeredOn, LocalDate experimentOn, LocalDate serviceOn,
            LocalDate endedOn, String endReason, String endExplanation) {
        if (!phase.equals("PLANNED") && registeredOn != null) {
            row.problem("registered_on", registeredOn.toString(), "only for a PLANNED system; use experiment_started_on or in_service_since");
        }
        if (phase.equals("PLANNED") || phase.equals("EXPERIMENT")) {
            if (serviceOn != null) {
                row.problem("in_service_since", serviceOn.toString(), "a system in phase " + phase + " has not been in use");
            }
        }
        if (phase.equals("PLANNED") && experimentOn != null) {
            row.problem("experiment_started_on", experimentOn.toString(), "a PLANNED system has not started an experiment");
        }
        if (!phase.equals("ENDED")) {
            if (endedOn != null) {
                row.problem("ended_on", endedOn.toString(), "only for an ENDED system");
            }
            if (endReason != null) {
                row.problem("end_reason", endReason, "only for an ENDED system");
            }
        } else if (endedOn == null) {
            row.problem("ended_on", null, "required when phase is ENDED");
        }
        if (experimentOn != null && serviceOn != null && serviceOn.isBefore(experimentOn)) {
            row.problem("in_service_since", serviceOn.toString(), "before experiment_started_on " + experimentOn);
        }
        LocalDate started = serviceOn != null ? serviceOn : experimentOn;
        if (endedOn != null && started != null && endedOn.isBefore(started)) {
            row.problem("ended_on", endedOn.toString(), "before the system started (" + started + ")");
        }
        if ("OTHER".equals(endReason) && endExplanation == null) {
            row.problem("end_explanation", null, "required when end_reason is OTHER");
        }
    }

    private static void checkBases(Row row, String riskClass, List<Map<String, String>> bases) {
        Set<String> kinds = new java.util.HashSet<>();
        bases.forEach(b -> kinds.add(b.get("kind")));
        String needed = switch (riskClass) {
            case "PROHIBITED" -> kinds.contains("ART5_PRACTICE") ? null : "ART5_PRACTICE";
            case "HIGH" -> kinds.contains("ANNEX_III_AREA") || kinds.contains("ANNEX_I_PRODUCT") ? null : "ANNEX_III_AREA or ANNEX_I_PRODUCT";
            case "LIMITED" -> kinds.contains("ART50_TYPE") ? null : "ART50_TYPE";
            default -> null;
        };
        if (needed != null) {
            row.problem("risk_basis", row.raw("risk_basis"), "risk class " + riskClass + " needs a legal ground " + needed
                    + " (e.g. ANNEX_III_AREA:III.5(a); several separated by |)");
        }
    }

    private static Map<String, Object> body(Object... keysAndValues) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            if (value != null) {
                body.put((String) keysAndValues[i], value instanceof LocalDate date ? date.toString() : value);
            }
        }
        return body;
    }

    private static Map<String, String> aliases(String... canonicalThenAlias) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i < canonicalThenAlias.length; i += 2) {
            map.put(canonicalThenAlias[i].toLowerCase(Locale.ROOT), canonicalThenAlias[i]);
            map.put(canonicalThenAlias[i].toLowerCase(Locale.ROOT).replace('_', ' '), canonicalThenAlias[i]);
            map.put(canonicalThenAlias[i + 1], canonicalThenAlias[i]);
        }
        return map;
    }

    private static Map<String, String> upper(Set<String> values) {
        Map<String, String> map = new HashMap<>();
        values.forEach(v -> map.put(v.toLowerCase(Locale.ROOT), v));
        return map;
    }

    /** One record read by column name, collecting its problems. */
    private static final class Row {
        final CsvReader.Record record;
        final Map<String, Integer> columns;
        final List<ImportProblem> problems;

        Row(CsvReader.Record record, Map<String, Integer> columns, List<ImportProblem> problems) {
            this.record = record;
            this.columns = columns;
            this.problems = problems;
        }

        String raw(String column) {
            Integer index = columns.get(column);
            if (index == null || index >= record.fields().size()) {
                return null;
            }
            String value = record.fields().get(index).strip();
            return value.isEmpty() ? null : value;
        }

        void problem(String column, String value, String message) {
            problems.add(new ImportProblem(record.line(), column, value, message));
        }

        String text(String column, boolean required) {
            String value = raw(column);
            if (value == null && required) {
                problem(column, null, "required");
            }
            return value;
        }

        void maxLength(String column, int max) {
            String value = raw(column);
            if (value != null && value.length() > max) {
                problem(column, value.substring(0, 40) + "...", "at most " + max + " characters, not " + value.length());
            }
        }

        String choice(String column, Map<String, String> allowed, boolean required) {
            String value = text(column, required);
            if (value == null) {
                return null;
            }
            String key = value.toLowerCase(Locale.ROOT).replace('ë', 'e');
            String canonical = allowed.get(key);
            if (canonical == null) {
                canonical = allowed.get(key.replace('_', ' '));
            }
            if (canonical == null) {
                problem(column, value, "unknown value; one of " + new java.util.TreeSet<>(allowed.values()));
            }
            return canonical;
        }

        Boolean bool(String column) {
            String value = raw(column);
            if (value == null) {
                return null;
            }
            Boolean b = BOOLEANS.get(value.toLowerCase(Locale.ROOT));
            if (b == null) {
                problem(column, value, "not a yes/no value (yes, no, true, false, ja, nee)");
            }
            return b;
        }

        LocalDate date(String column, LocalDate today) {
            String value = raw(column);
            if (value == null) {
                return null;
            }
            try {
                LocalDate date = LocalDate.parse(value);
                if (date.isAfter(today)) {
                    problem(column, value, "lies in the future (today is " + today + ")");
                    return null;
                }
                return date;
            } catch (DateTimeParseException e) {
                problem(column, value, "not a date YYYY-MM-DD");
                return null;
            }
        }

        List<Map<String, String>> bases(String column) {
            String value = raw(column);
            List<Map<String, String>> bases = new ArrayList<>();
            if (value == null) {
                return bases;
            }
            for (String part : value.split("\\|")) {
                String[] kindAndReference = part.strip().split(":", 2);
                String kind = kindAndReference[0].strip().toUpperCase(Locale.ROOT);
                if (!BASIS_KINDS.contains(kind) || kindAndReference.length < 2 || kindAndReference[1].isBlank()) {
                    problem(column, part.strip(), "not KIND:reference with KIND one of " + new java.util.TreeSet<>(BASIS_KINDS));
                    continue;
                }
                Map<String, String> basis = new LinkedHashMap<>();
                basis.put("kind", kind);
                basis.put("reference", kindAndReference[1].strip());
                bases.add(basis);
            }
            return bases;
        }
    }
}
