package eu.aiact.tracker.command.inventory;

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
import java.util.HashSet;
import java.util.TreeSet;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.PutIntoService;
import eu.aiact.tracker.api.system.RegisterAiSystem;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.system.UnsupportedRoles;

import org.springframework.stereotype.Component;

/**
 * Turns an inventory in CSV or XLSX (one AI system per row, columns documented in the README's "Importing an inventory" section) into
 * the commands that record it, and reports every problem of every row with its row number (the line in the file, or the sheet's row;
 * the header is row 1) and column. This class reads the cells (the column mapping, values, dates, the row's shape); whether the commands
 * are allowed is decided by the domain's rules, the same ones the commands are decided by ({@link InventoryCheck}), so that a dry run
 * that finds no problem means the import is accepted.
 */
@Component
public class InventoryParser {

    static final int MAX_ROWS = 100_000;
    static final List<String> COLUMNS = List.of("organisation", "name", "description", "purpose", "developed_by", "supplier", "model",
            "generative_ai", "role", "public_authority", "phase", "registered_on", "experiment_started_on", "in_service_since",
            "ended_on", "end_reason", "end_explanation", "risk_class", "risk_basis", "gpai", "gpai_systemic_risk", "gpai_open_source",
            "annex_x_component", "profiling", "classification_rationale", "dpia", "iama",
            "fria", "pre_scan", "algoritmeregister_category", "algoritmeregister_id", "eu_database_id", "algoritmeregister_review_date",
            "classification_review_date");
    /** The phases a row may have: those of the lifecycle, with their Dutch names. */
    private static final Map<String, Phase> PHASES = values(Phase.class, Map.of("gepland", Phase.PLANNED, "experiment", Phase.EXPERIMENT,
            "in gebruik", Phase.IN_USE, "beeindigd", Phase.ENDED));
    private static final Map<String, DevelopedBy> DEVELOPED_BY = values(DevelopedBy.class, Map.of("intern", DevelopedBy.INTERNAL,
            "ingekocht", DevelopedBy.PURCHASED, "samenwerking", DevelopedBy.PARTNERSHIP));
    private static final Map<String, RiskClass> RISK_CLASSES = values(RiskClass.class, Map.of("onbekend", RiskClass.UNKNOWN, "minimaal",
            RiskClass.MINIMAL, "beperkt", RiskClass.LIMITED, "hoog", RiskClass.HIGH, "verboden", RiskClass.PROHIBITED));
    /** An assessment column: NONE (or empty: no assessment) or a status. */
    private static final Map<String, String> ASSESSMENT_STATUSES = names(AssessmentStatus.class, "NONE", Map.of("geen", "NONE",
            "gepland", "PLANNED", "in uitvoering", "IN_PROGRESS", "uitgevoerd", "DONE"));
    private static final Map<String, Role> ROLES = values(Role.class, Map.of());
    private static final Map<String, EndReason> END_REASONS = values(EndReason.class, Map.of());
    private static final Map<String, GpaiRelation> GPAI = values(GpaiRelation.class, Map.of());
    private static final Map<String, AlgoritmeregisterCategory> CATEGORIES = values(AlgoritmeregisterCategory.class, Map.of());
    private static final List<AssessmentType> ASSESSMENT_COLUMNS = List.of(AssessmentType.DPIA, AssessmentType.IAMA, AssessmentType.FRIA,
            AssessmentType.PRE_SCAN);
    private static final Map<String, Boolean> BOOLEANS = Map.of("true", true, "yes", true, "ja", true, "1", true, "false", false, "no",
            false, "nee", false, "0", false);
    static final String DEFAULT_RATIONALE = "Risk class as recorded in the imported inventory";
    static final String DEFAULT_END_EXPLANATION = "Ended before the inventory was imported";

    private final Clock clock;
    private final InventoryCheck check;

    public InventoryParser(Clock clock) {
        this.clock = clock;
        this.check = new InventoryCheck();
    }

    public record Result(List<InventoryRow> rows, List<ImportProblem> problems, int dataRows) {

        public boolean valid() {
            return problems.isEmpty();
        }

        public int commands() {
            return rows.stream().mapToInt(r -> r.commands().size()).sum();
        }
    }

    /**
     * The inventory's bytes as text in {@code charset}, strictly: bytes that are not text in it are a problem in row 1 naming the byte
     * offset (and the line), not characters silently replaced.
     */
    public Result parse(byte[] csv, java.nio.charset.Charset charset) {
        java.nio.charset.CharsetDecoder decoder = charset.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(csv);
        java.nio.CharBuffer out = java.nio.CharBuffer.allocate((int) (csv.length * (double) decoder.maxCharsPerByte()) + 16);
        java.nio.charset.CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            for (int i = 0; i < offset; i++) {
                if (csv[i] == '\n') {
                    line++;
                }
            }
            StringBuilder bytes = new StringBuilder();
            for (int i = offset; i < Math.min(csv.length, offset + Math.max(1, result.length())); i++) {
                bytes.append(String.format(Locale.ROOT, "%s0x%02X", bytes.length() == 0 ? "" : " ", csv[i] & 0xFF));
            }
            return new Result(List.of(), List.of(new ImportProblem(1, null, null, "the file is not valid " + charset.name() + ": byte "
                    + bytes + " at byte offset " + offset + " (line " + line + ") is not " + (charset.name().equals("UTF-8")
                    ? "part of a UTF-8 character" : "a character in " + charset.name()) + "; save the file as CSV in UTF-8, or name "
                    + "its charset in the Content-Type (e.g. text/csv; charset=windows-1252)")), 0);
        }
        out.flip();
        return parse(out.toString());
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

    /**
     * The commands of one row, or null when it has problems (added to the list): first the cells (values, dates, which columns a phase
     * allows), then the commands under the domain's rules.
     */
    private InventoryRow row(Row row) {
        int before = row.problems.size();
        LocalDate today = LocalDate.now(clock);
        String organisation = row.text("organisation", true);
        String name = row.text("name", true);
        Phase phase = row.choice("phase", PHASES, true);
        DevelopedBy developedBy = row.choice("developed_by", DEVELOPED_BY, false);
        String roleText = row.raw("role");
        java.util.Optional<String> unsupportedRole = UnsupportedRoles.explain(roleText);
        if (unsupportedRole.isPresent()) {
            row.problem("role", roleText.strip(), unsupportedRole.get());
        }
        Role role = unsupportedRole.isPresent() ? null : row.choice("role", ROLES, false);
        Boolean generativeAi = row.bool("generative_ai");
        Boolean publicAuthority = row.bool("public_authority");
        LocalDate registeredOn = row.date("registered_on");
        LocalDate experimentOn = row.date("experiment_started_on");
        LocalDate serviceOn = row.date("in_service_since");
        LocalDate endedOn = row.date("ended_on");
        EndReason endReason = row.choice("end_reason", END_REASONS, false);
        String endExplanation = row.text("end_explanation", false);
        RiskClass riskClass = row.choice("risk_class", RISK_CLASSES, false);
        List<ClassificationBasis> bases = row.bases("risk_basis");
        GpaiRelation gpai = row.choice("gpai", GPAI, false);
        Boolean gpaiSystemicRisk = row.bool("gpai_systemic_risk");
        Boolean gpaiOpenSource = row.bool("gpai_open_source");
        Boolean annexXComponent = row.bool("annex_x_component");
        Boolean profilesPersons = row.bool("profiling");
        String rationale = row.text("classification_rationale", false);
        AlgoritmeregisterCategory arCategory = row.choice("algoritmeregister_category", CATEGORIES, false);
        String arId = row.text("algoritmeregister_id", false);
        String euId = row.text("eu_database_id", false);
        LocalDate arReview = row.date("algoritmeregister_review_date");
        LocalDate classificationReview = row.date("classification_review_date");
        Map<AssessmentType, AssessmentStatus> assessments = new LinkedHashMap<>();
        for (AssessmentType type : ASSESSMENT_COLUMNS) {
            String status = row.choice(column(type), ASSESSMENT_STATUSES, false);
            if (status != null && !status.equals("NONE")) {
                assessments.put(type, AssessmentStatus.valueOf(status));
            }
        }
        if (phase != null) {
            checkColumnsOfPhase(row, phase, registeredOn, experimentOn, serviceOn, endedOn, endReason);
        }
        if (arCategory != null && arId == null) {
            row.problem("algoritmeregister_id", null, "required when algoritmeregister_category is given");
        }
        if (arId != null && arCategory == null) {
            row.problem("algoritmeregister_category", null, "required when algoritmeregister_id is given: one of "
                    + List.of(AlgoritmeregisterCategory.values()));
        }
        if (arReview != null && arId == null) {
            row.problem("algoritmeregister_review_date", null, "the review date (herzieningsdatum) of an Algoritmeregister entry: give "
                    + "algoritmeregister_category and algoritmeregister_id with it, or leave it empty");
        }
        if (classificationReview != null && (riskClass == null || riskClass == RiskClass.UNKNOWN)) {
            row.problem("classification_review_date", null, "the review date of a classification: give risk_class (not UNKNOWN) with it, "
                    + "or leave it empty");
        }
        if (organisation == null || name == null || phase == null) {
            return null; // nothing to register
        }

        List<PlannedCommand> commands = new ArrayList<>();
        boolean usedBefore = serviceOn != null;
        Phase initialPhase;
        LocalDate initialDate;
        String initialColumn;
        if (phase == Phase.PLANNED) {
            initialPhase = Phase.PLANNED;
            initialDate = registeredOn;
            initialColumn = "registered_on";
        } else if (phase == Phase.EXPERIMENT || (phase == Phase.ENDED && !usedBefore) || experimentOn != null) {
            initialPhase = Phase.EXPERIMENT;
            initialDate = experimentOn != null ? experimentOn : registeredOn;
            initialColumn = experimentOn != null ? "experiment_started_on" : "registered_on";
        } else {
            initialPhase = Phase.IN_USE;
            initialDate = serviceOn;
            initialColumn = "in_service_since";
        }
        String description = row.text("description", false);
        String purpose = row.text("purpose", false);
        String supplier = row.text("supplier", false);
        String model = row.text("model", false);
        commands.add(new PlannedCommand("register", id -> new RegisterAiSystem(id, organisation, name, description, purpose, developedBy,
                supplier, model, generativeAi, role, publicAuthority, initialPhase, initialDate), Map.of("organisation", "organisation",
                "name", "name", "description", "description", "purpose", "purpose", "supplier", "supplier", "model", "model",
                "initialPhase", "phase", "effectiveDate", initialColumn)));
        if (riskClass != null && riskClass != RiskClass.UNKNOWN) {
            String why = rationale != null ? rationale : DEFAULT_RATIONALE;
            commands.add(new PlannedCommand("classification", id -> new ClassifyRisk(id, riskClass, bases, annexXComponent, gpai, why,
                    initialDate, null, gpaiSystemicRisk, gpaiOpenSource, profilesPersons, classificationReview), Map.of("riskClass",
                    "risk_class", "bases", "risk_basis", "gpai", "gpai", "gpaiSystemicRisk", "gpai_systemic_risk", "gpaiOpenSource",
                    "gpai_open_source", "annexXComponent", "annex_x_component", "profilesPersons", "profiling", "rationale",
                    "classification_rationale", "effectiveDate", initialColumn, "reviewDate", "classification_review_date")));
        }
        assessments.forEach((type, status) -> commands.add(new PlannedCommand("assessment-" + type, id -> new RecordAssessment(id,
                "import-" + type.name().toLowerCase(Locale.ROOT), type, null, status, null, null, null), Map.of("status", column(type),
                "type", column(type), "assessmentId", column(type)))));
        if (arCategory != null && arId != null) {
            commands.add(new PlannedCommand("registration-ALGORITMEREGISTER", id -> new RecordPublicRegistration(id,
                    PublicRegister.ALGORITMEREGISTER, arCategory, arId, null, null, arReview), Map.of("category",
                    "algoritmeregister_category", "registerId", "algoritmeregister_id", "reviewDate", "algoritmeregister_review_date")));
        }
        if (euId != null) {
            commands.add(new PlannedCommand("registration-EU_DATABASE", id -> new RecordPublicRegistration(id, PublicRegister.EU_DATABASE,
                    null, euId, null, null), Map.of("registerId", "eu_database_id", "category", "eu_database_id")));
        }
        if (initialPhase == Phase.EXPERIMENT && usedBefore) {
            commands.add(new PlannedCommand("service", id -> new PutIntoService(id, serviceOn, null), Map.of("effectiveDate",
                    "in_service_since", "phase", "in_service_since")));
        }
        if (phase == Phase.ENDED) {
            EndReason reason = endReason != null ? endReason : EndReason.OTHER;
            String explanation = endExplanation != null ? endExplanation : endReason == null ? DEFAULT_END_EXPLANATION : null;
            commands.add(new PlannedCommand("end", id -> new EndSystem(id, endedOn, reason, explanation, null), Map.of("effectiveDate",
                    "ended_on", "reason", "end_reason", "explanation", "end_explanation", "phase", "phase")));
        }
        InventoryRow parsed = new InventoryRow(row.record.line(), organisation, name, List.copyOf(commands), row.cells());
        Set<String> reported = new HashSet<>();
        row.problems.subList(before, row.problems.size()).forEach(p -> reported.add(p.column()));
        // a cell already refused is not refused again by the rule it feeds; with an unreadable date, the dates' order is not judged
        for (ImportProblem problem : check.problems(parsed, today, row.unreadableDate)) {
            if (!reported.contains(problem.column())) {
                row.problems.add(problem);
            }
        }
        return row.problems.size() > before ? null : parsed;
    }

    private static String column(AssessmentType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Which date and end columns the row's phase allows: an import's own mapping of columns to commands. */
    private static void checkColumnsOfPhase(Row row, Phase phase, LocalDate registeredOn, LocalDate experimentOn, LocalDate serviceOn,
            LocalDate endedOn, EndReason endReason) {
        if (phase != Phase.PLANNED && registeredOn != null) {
            row.problem("registered_on", registeredOn.toString(), "only for a PLANNED system; use experiment_started_on or in_service_since");
        }
        if ((phase == Phase.PLANNED || phase == Phase.EXPERIMENT) && serviceOn != null) {
            row.problem("in_service_since", serviceOn.toString(), "a system in phase " + phase + " has not been in use");
        }
        if (phase == Phase.PLANNED && experimentOn != null) {
            row.problem("experiment_started_on", experimentOn.toString(), "a PLANNED system has not started an experiment");
        }
        if (phase != Phase.ENDED) {
            if (endedOn != null) {
                row.problem("ended_on", endedOn.toString(), "only for an ENDED system");
            }
            if (endReason != null) {
                row.problem("end_reason", endReason.name(), "only for an ENDED system");
            }
        } else if (endedOn == null && row.raw("ended_on") == null) {
            row.problem("ended_on", null, "required when phase is ENDED");
        }
    }

    /** The choices of an enum: each constant by its name (also with spaces for underscores), and the given aliases. */
    private static <E extends Enum<E>> Map<String, E> values(Class<E> type, Map<String, E> aliases) {
        Map<String, E> map = new HashMap<>();
        for (E constant : type.getEnumConstants()) {
            map.put(constant.name().toLowerCase(Locale.ROOT), constant);
            map.put(constant.name().toLowerCase(Locale.ROOT).replace('_', ' '), constant);
        }
        map.putAll(aliases);
        return map;
    }

    /** The names of an enum's constants and {@code extra} as choices, with the given aliases. */
    private static Map<String, String> names(Class<? extends Enum<?>> type, String extra, Map<String, String> aliases) {
        Map<String, String> map = new HashMap<>();
        List<String> all = new ArrayList<>();
        all.add(extra);
        for (Enum<?> constant : type.getEnumConstants()) {
            all.add(constant.name());
        }
        for (String name : all) {
            map.put(name.toLowerCase(Locale.ROOT), name);
            map.put(name.toLowerCase(Locale.ROOT).replace('_', ' '), name);
        }
        map.putAll(aliases);
        return map;
    }

    /** One record read by column name, collecting its problems. */
    private static final class Row {
        final CsvReader.Record record;
        final Map<String, Integer> columns;
        final List<ImportProblem> problems;
        boolean unreadableDate;

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

        Map<String, String> cells() {
            Map<String, String> cells = new HashMap<>();
            columns.keySet().forEach(column -> {
                String value = raw(column);
                if (value != null) {
                    cells.put(column, value);
                }
            });
            return Map.copyOf(cells);
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

        <T> T choice(String column, Map<String, T> allowed, boolean required) {
            String value = text(column, required);
            if (value == null) {
                return null;
            }
            String key = value.toLowerCase(Locale.ROOT).replace('ë', 'e');
            T canonical = allowed.get(key);
            if (canonical == null) {
                canonical = allowed.get(key.replace('_', ' '));
            }
            if (canonical == null) {
                problem(column, value, "unknown value; one of " + new TreeSet<>(allowed.values().stream().map(String::valueOf).toList()));
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

        LocalDate date(String column) {
            String value = raw(column);
            if (value == null) {
                return null;
            }
            try {
                return LocalDate.parse(value);
            } catch (DateTimeParseException e) {
                problem(column, value, "not a date YYYY-MM-DD");
                unreadableDate = true;
                return null;
            }
        }

        List<ClassificationBasis> bases(String column) {
            String value = raw(column);
            List<ClassificationBasis> bases = new ArrayList<>();
            if (value == null) {
                return bases;
            }
            for (String part : value.split("\\|")) {
                String[] kindAndReference = part.strip().split(":", 2);
                BasisKind kind = BASIS_KINDS.get(kindAndReference[0].strip().toLowerCase(Locale.ROOT));
                if (kind == null || kindAndReference.length < 2 || kindAndReference[1].isBlank()) {
                    problem(column, part.strip(), "not KIND:reference with KIND one of " + List.of(BasisKind.values()));
                    continue;
                }
                bases.add(new ClassificationBasis(kind, kindAndReference[1].strip()));
            }
            return bases;
        }
    }

    private static final Map<String, BasisKind> BASIS_KINDS = values(BasisKind.class, Map.of());
}
