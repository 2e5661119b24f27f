package eu.aiact.tracker.domain.rulebook;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;


import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.provision.Provision;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;
import eu.aiact.tracker.domain.provision.ProvisionResolution;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rulebook files (YAML, format in {@code rulebooks/README.md}) and checks them strictly: an unknown field, a missing field, a bad
 * date, an unknown condition value, an unknown milestone or schedule, or a duplicate code fails with an {@link InvalidRulebookException}
 * that names the file, the rule and the problem. Everything the engine needs per evaluation (dates, conditions, reason texts) is
 * resolved here, once.
 */
public final class RulebookLoader {

    /** The list of the shipped rulebook files, on the class path. */
    public static final String INDEX = "rulebooks/index.txt";

    private static final String ID_PATTERN = "[a-z0-9][a-z0-9.-]{0,99}";
    private static final String CODE_PATTERN = "[A-Z][A-Z0-9-]{0,99}";

    private static final Set<String> HEADER_FIELDS = Set.of("id", "title", "kind", "legalSource", "publishedIn", "inForceFrom", "note",
            "milestones", "schedules", "rules");
    private static final Set<String> MILESTONE_FIELDS = Set.of("id", "date", "source", "note", "otherReadings", "appliedBecause");
    private static final Set<String> READING_FIELDS = Set.of("source", "date", "reading");
    private static final Set<String> SCHEDULE_FIELDS = Set.of("id", "note", "cases");
    private static final Set<String> CASE_FIELDS = Set.of("id", "when", "inServiceBefore", "due", "notApplicable",
            "grandfatheredUntilModificationFrom", "explanation");
    private static final Set<String> RULE_FIELDS = Set.of("code", "title", "article", "bearer", "kind", "requirement", "when", "due",
            "schedule", "notBefore", "fulfilledBy", "afterEnd", "notApplicable", "otherReadings", "appliedBecause", "note", "dueFact",
            "source");
    private static final Set<String> FULFILMENT_FIELDS = Set.of("assessment", "registration", "category");
    private static final Set<String> CONDITION_FIELDS = Set.of("riskClass", "phase", "gpai", "publicAuthority", "generativeAi",
            "annexXComponent", "significantlyModified", "gpaiSystemicRisk", "gpaiOpenSource", "role", "basisKinds", "basis",
            "inServiceBefore", "anyOf");
    private static final Set<String> BASIS_FIELDS = Set.of("kind", "references", "except");

    private final YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private final ProvisionCatalogue catalogue;

    /** A loader whose basis conditions name provisions of the shipped catalogue ({@link ProvisionCatalogue#shipped()}). */
    public RulebookLoader() {
        this(ProvisionCatalogue.shipped());
    }

    /** A loader whose basis conditions name provisions of {@code catalogue}. */
    public RulebookLoader(ProvisionCatalogue catalogue) {
        this.catalogue = java.util.Objects.requireNonNull(catalogue, "catalogue");
    }

    /** The catalogue of provisions the rules' basis conditions are resolved against. */
    public ProvisionCatalogue catalogue() {
        return catalogue;
    }

    /** The shipped rulebooks plus those in {@code extraDir} (ignored when null or blank). */
    public Rulebooks loadAll(String extraDir) {
        List<Rulebook> rulebooks = new ArrayList<>(loadClasspath());
        if (extraDir != null && !extraDir.isBlank()) {
            rulebooks.addAll(loadDirectory(Path.of(extraDir.strip())));
        }
        return new Rulebooks(rulebooks);
    }

    /**
     * The rulebooks shipped on the class path: every file named in each {@value #INDEX} found there (one file name per line; blank lines
     * and lines starting with {@code #} are skipped), read from beside that index.
     */
    public List<Rulebook> loadClasspath() {
        try {
            List<Rulebook> rulebooks = new ArrayList<>();
            Enumeration<URL> indexes = RulebookLoader.class.getClassLoader().getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                for (String line : readLines(index)) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    try (InputStream in = new URL(index, name).openStream()) {
                        rulebooks.add(load("rulebooks/" + name, in));
                    } catch (IOException e) {
                        throw new InvalidRulebookException("rulebooks/" + name, "file", "named in " + index + " but cannot be read: "
                                + e.getMessage(), e);
                    }
                }
            }
            return rulebooks;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rulebooks on the class path", e);
        }
    }

    private static List<String> readLines(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Every {@code *.yaml} / {@code *.yml} file in {@code dir}, by name. */
    public List<Rulebook> loadDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidRulebookException(dir.toString(), "directory", "not a directory (tracker.rulebooks.extra-dir)");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> paths = files.filter(p -> p.getFileName().toString().endsWith(".yaml") || p.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
            List<Rulebook> rulebooks = new ArrayList<>();
            for (Path path : paths) {
                rulebooks.add(load(path));
            }
            return rulebooks;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read rulebook directory " + dir, e);
        }
    }

    public Rulebook load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(file.toString(), in);
        } catch (IOException e) {
            throw new InvalidRulebookException(file.toString(), "file", "cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads one rulebook; {@code file} names it in error messages. */
    public Rulebook load(String file, InputStream in) {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JacksonException e) {
            throw new InvalidRulebookException(file, "YAML", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidRulebookException(file, "header", "the file must be a YAML mapping with id, title, kind, ... and rules");
        }
        return new FileReader(file, catalogue).read(root);
    }

    /** Reads one file; knows its name and its milestones and schedules while it reads the rules. */
    private static final class FileReader {

        private final String file;
        private final ProvisionCatalogue catalogue;
        private final Map<String, Milestone> milestones = new LinkedHashMap<>();
        private final Map<String, Schedule> schedules = new LinkedHashMap<>();

        FileReader(String file, ProvisionCatalogue catalogue) {
            this.file = file;
            this.catalogue = catalogue;
        }

        Rulebook read(JsonNode root) {
            String where = "header";
            fields(root, HEADER_FIELDS, where);
            String id = text(root, "id", where, true);
            if (!id.matches(ID_PATTERN)) {
                throw fail(where, "id '" + id + "' must be 1 to 100 lower-case letters, digits, dots and dashes");
            }
            where = "header of " + id;
            String title = text(root, "title", where, true);
            RulebookKind kind = enumValue(RulebookKind.class, root, "kind", where, true);
            String legalSource = text(root, "legalSource", where, true);
            String publishedIn = text(root, "publishedIn", where, false);
            LocalDate inForceFrom = date(root, "inForceFrom", where, true);
            String note = text(root, "note", where, false);

            for (JsonNode node : list(root, "milestones", where)) {
                readMilestone(node);
            }
            for (JsonNode node : list(root, "schedules", where)) {
                readSchedule(node);
            }
            List<JsonNode> ruleNodes = list(root, "rules", where);
            if (ruleNodes.isEmpty()) {
                throw fail(where, "missing field 'rules': a rulebook needs at least one rule");
            }
            List<Rule> rules = new ArrayList<>();
            Set<String> codes = new HashSet<>();
            for (int i = 0; i < ruleNodes.size(); i++) {
                Rule rule = readRule(ruleNodes.get(i), i + 1, inForceFrom);
                if (!codes.add(rule.code())) {
                    throw fail("rule " + rule.code(), "duplicate code '" + rule.code() + "' (rule #" + (i + 1) + ")");
                }
                rules.add(rule);
            }
            return new Rulebook(id, title, kind, legalSource, publishedIn, inForceFrom, note, file, Map.copyOf(milestones),
                    List.copyOf(rules));
        }

        private void readMilestone(JsonNode node) {
            String where = "milestone " + (node.isObject() && node.has("id") ? node.get("id").asString() : "(no id)");
            object(node, where);
            fields(node, MILESTONE_FIELDS, where);
            String id = text(node, "id", where, true);
            LocalDate date = date(node, "date", where, true);
            String source = text(node, "source", where, true);
            List<Reading> readings = readings(node, where);
            Milestone milestone = Milestone.of(id, date, source, text(node, "note", where, false), readings,
                    text(node, "appliedBecause", where, false));
            if (milestones.put(id, milestone) != null) {
                throw fail(where, "duplicate milestone id '" + id + "'");
            }
        }

        private List<Reading> readings(JsonNode node, String where) {
            List<Reading> readings = new ArrayList<>();
            for (JsonNode r : list(node, "otherReadings", where)) {
                String w = where + " otherReadings";
                object(r, w);
                fields(r, READING_FIELDS, w);
                readings.add(new Reading(text(r, "source", w, true), date(r, "date", w, false), text(r, "reading", w, true)));
            }
            return readings;
        }

        private void readSchedule(JsonNode node) {
            String where = "schedule " + (node.isObject() && node.has("id") ? node.get("id").asString() : "(no id)");
            object(node, where);
            fields(node, SCHEDULE_FIELDS, where);
            String id = text(node, "id", where, true);
            List<ScheduleCase> cases = new ArrayList<>();
            List<JsonNode> caseNodes = list(node, "cases", where);
            if (caseNodes.isEmpty()) {
                throw fail(where, "missing field 'cases': a schedule needs at least one case");
            }
            Set<String> caseIds = new HashSet<>();
            for (JsonNode c : caseNodes) {
                ScheduleCase sc = readCase(c, where);
                if (!caseIds.add(sc.id())) {
                    throw fail(where, "duplicate case id '" + sc.id() + "'");
                }
                cases.add(sc);
            }
            if (!cases.get(cases.size() - 1).catchAll()) {
                throw fail(where, "the last case ('" + cases.get(cases.size() - 1).id()
                        + "') must have no conditions, so that every system gets a due date");
            }
            if (schedules.put(id, new Schedule(id, List.copyOf(cases))) != null) {
                throw fail(where, "duplicate schedule id '" + id + "'");
            }
        }

        private ScheduleCase readCase(JsonNode node, String schedule) {
            String where = schedule + " case " + (node.isObject() && node.has("id") ? node.get("id").asString() : "(no id)");
            object(node, where);
            fields(node, CASE_FIELDS, where);
            String id = text(node, "id", where, true);
            Condition[] conditions = node.has("when") ? conditions(node.get("when"), where + " when") : new Condition[0];
            Condition.InServiceBefore before = null;
            String beforeId = text(node, "inServiceBefore", where, false);
            if (beforeId != null) {
                before = new Condition.InServiceBefore(beforeId, milestone(beforeId, where, "inServiceBefore").date());
            }
            String dueId = text(node, "due", where, false);
            String notApplicable = text(node, "notApplicable", where, false);
            if ((dueId == null) == (notApplicable == null)) {
                throw fail(where, "needs exactly one of 'due' (a milestone) and 'notApplicable' (a reason)");
            }
            Milestone due = dueId == null ? null : milestone(dueId, where, "due");
            String grandfatheredId = text(node, "grandfatheredUntilModificationFrom", where, false);
            Milestone grandfathered = grandfatheredId == null ? null : milestone(grandfatheredId, where,
                    "grandfatheredUntilModificationFrom");
            return new ScheduleCase(id, conditions, before, due, notApplicable, grandfathered, text(node, "explanation", where, false));
        }

        private Rule readRule(JsonNode node, int number, LocalDate inForceFrom) {
            String where = "rule " + (node.isObject() && node.has("code") ? node.get("code").asString() : "#" + number + " (no code)");
            object(node, where);
            fields(node, RULE_FIELDS, where);
            String code = text(node, "code", where, true);
            if (!code.matches(CODE_PATTERN)) {
                throw fail(where, "code '" + code + "' must be upper-case letters, digits and dashes, starting with a letter");
            }
            String title = text(node, "title", where, true);
            String article = text(node, "article", where, true);
            Bearer bearer = enumValue(Bearer.class, node, "bearer", where, true);
            RuleKind kind = enumValue(RuleKind.class, node, "kind", where, false);
            String requirement = text(node, "requirement", where, true);
            Condition[] conditions = node.has("when") ? conditions(node.get("when"), where + " when") : new Condition[0];
            String dueId = text(node, "due", where, false);
            String scheduleId = text(node, "schedule", where, false);
            DueFact dueFact = enumValue(DueFact.class, node, "dueFact", where, false);
            String ruleSource = text(node, "source", where, false);
            if ((dueId != null ? 1 : 0) + (scheduleId != null ? 1 : 0) + (dueFact != null ? 1 : 0) != 1) {
                throw fail(where, "needs exactly one of 'due' (a milestone), 'schedule' (a schedule id) and 'dueFact' ("
                        + List.of(DueFact.values()) + ")");
            }
            if ((dueFact == null) != (ruleSource == null)) {
                throw fail(where, dueFact == null ? "'source' belongs to a rule with 'dueFact' (others take theirs from the milestone)"
                        : "a rule with 'dueFact' needs 'source': where the commitment to that date comes from");
            }
            if (dueFact != null && node.has("notBefore")) {
                throw fail(where, "'notBefore' does not apply to a rule with 'dueFact': its due date is the fact itself");
            }
            Schedule schedule;
            if (dueFact != null) {
                schedule = new Schedule(code, List.of(new ScheduleCase(code, new Condition[0], null, Milestone.of(code, inForceFrom,
                        ruleSource, null, List.of(), null), null, null, null)));
            } else if (dueId != null) {
                schedule = new Schedule(code, List.of(new ScheduleCase(code, new Condition[0], null, milestone(dueId, where, "due"), null,
                        null, null)));
            } else {
                schedule = schedules.get(scheduleId);
                if (schedule == null) {
                    throw fail(where, "unknown schedule '" + scheduleId + "' (known: " + schedules.keySet() + ")");
                }
            }
            NotBefore notBefore = enumValue(NotBefore.class, node, "notBefore", where, false);
            AfterEnd afterEnd = enumValue(AfterEnd.class, node, "afterEnd", where, false);
            List<Fulfilment> fulfilments = new ArrayList<>();
            for (JsonNode f : list(node, "fulfilledBy", where)) {
                fulfilments.add(fulfilment(f, where + " fulfilledBy"));
            }
            List<Reading> readings = readings(node, where);
            String appliedBecause = text(node, "appliedBecause", where, false);
            StringBuilder readingsText = new StringBuilder();
            for (Reading reading : readings) {
                readingsText.append(' ').append(reading.sentence());
                if (!reading.reading().endsWith(".")) {
                    readingsText.append('.');
                }
            }
            if (appliedBecause != null && !readings.isEmpty()) {
                readingsText.append(" Applied: ").append(appliedBecause);
                if (!appliedBecause.endsWith(".")) {
                    readingsText.append('.');
                }
            }
            text(node, "note", where, false);
            return new Rule(code, title, article, bearer, kind == null ? RuleKind.DUTY : kind, requirement, conditions, schedule,
                    notBefore == null ? NotBefore.NONE : notBefore, List.copyOf(fulfilments), afterEnd == null ? AfterEnd.ENDS : afterEnd,
                    text(node, "notApplicable", where, false), List.copyOf(readings), appliedBecause, readingsText.toString(), dueFact);
        }

        private Fulfilment fulfilment(JsonNode node, String where) {
            object(node, where);
            fields(node, FULFILMENT_FIELDS, where);
            AssessmentType assessment = enumValue(AssessmentType.class, node, "assessment", where, false);
            PublicRegister register = enumValue(PublicRegister.class, node, "registration", where, false);
            AlgoritmeregisterCategory category = enumValue(AlgoritmeregisterCategory.class, node, "category", where, false);
            if ((assessment == null) == (register == null)) {
                throw fail(where, "needs exactly one of 'assessment' (" + List.of(AssessmentType.values()) + ") and 'registration' ("
                        + List.of(PublicRegister.values()) + ")");
            }
            if (category != null && register == null) {
                throw fail(where, "'category' belongs to a registration");
            }
            return new Fulfilment(assessment, register, category);
        }

        private Condition[] conditions(JsonNode node, String where) {
            object(node, where);
            fields(node, CONDITION_FIELDS, where);
            List<Condition> conditions = new ArrayList<>();
            for (Map.Entry<String, JsonNode> entry : node.properties()) {
                String key = entry.getKey();
                JsonNode value = entry.getValue();
                switch (key) {
                    case "riskClass" -> conditions.add(new Condition.RiskClassIn(enumSet(RiskClass.class, value, key, where)));
                    case "phase" -> conditions.add(new Condition.PhaseIn(enumSet(Phase.class, value, key, where)));
                    case "gpai" -> conditions.add(new Condition.GpaiIn(enumSet(GpaiRelation.class, value, key, where)));
                    case "basisKinds" -> conditions.add(new Condition.BasisKindIn(enumSet(BasisKind.class, value, key, where)));
                    case "publicAuthority" -> conditions.add(new Condition.FlagIs(Condition.Flag.PUBLIC_AUTHORITY, bool(value, key, where)));
                    case "generativeAi" -> conditions.add(new Condition.FlagIs(Condition.Flag.GENERATIVE_AI, bool(value, key, where)));
                    case "annexXComponent" -> conditions.add(new Condition.FlagIs(Condition.Flag.ANNEX_X_COMPONENT, bool(value, key, where)));
                    case "significantlyModified" ->
                            conditions.add(new Condition.FlagIs(Condition.Flag.SIGNIFICANTLY_MODIFIED, bool(value, key, where)));
                    case "gpaiSystemicRisk" -> conditions.add(new Condition.FlagIs(Condition.Flag.GPAI_SYSTEMIC_RISK, bool(value, key, where)));
                    case "gpaiOpenSource" -> conditions.add(new Condition.FlagIs(Condition.Flag.GPAI_OPEN_SOURCE, bool(value, key, where)));
                    case "role" -> conditions.add(new Condition.RoleIn(enumSet(Role.class, value, key, where)));
                    case "inServiceBefore" -> {
                        if (!value.isString()) {
                            throw fail(where, "'inServiceBefore' must name a milestone");
                        }
                        conditions.add(new Condition.InServiceBefore(value.asString(), milestone(value.asString(), where, key).date()));
                    }
                    case "basis" -> conditions.add(basis(value, where + " basis"));
                    case "anyOf" -> {
                        if (!value.isArray() || value.isEmpty()) {
                            throw fail(where, "'anyOf' must be a non-empty list of condition groups");
                        }
                        List<Condition[]> groups = new ArrayList<>();
                        for (JsonNode group : value.values()) {
                            groups.add(conditions(group, where + " anyOf"));
                        }
                        conditions.add(new Condition.AnyOf(List.copyOf(groups)));
                    }
                    default -> throw fail(where, "unknown condition '" + key + "'");
                }
            }
            return conditions.toArray(new Condition[0]);
        }

        private Condition basis(JsonNode node, String where) {
            object(node, where);
            fields(node, BASIS_FIELDS, where);
            BasisKind kind = enumValue(BasisKind.class, node, "kind", where, true);
            return new Condition.BasisMatches(kind, provisions(kind, strings(node, "references", where), "references", where),
                    provisions(kind, strings(node, "except", where), "except", where), catalogue);
        }

        /** The provisions the references of a basis condition name: each must resolve to a provision of {@code kind}. */
        private List<Provision> provisions(BasisKind kind, Set<String> references, String field, String where) {
            List<Provision> out = new ArrayList<>();
            for (String reference : references) {
                ProvisionResolution r = catalogue.resolve(kind, reference);
                if (!r.resolved()) {
                    throw fail(where, "unknown provision in '" + field + "': " + r.problemText() + " (catalogue: provisions/index.txt)");
                }
                if (!out.contains(r.provision())) {
                    out.add(r.provision());
                }
            }
            return List.copyOf(out);
        }

        private Set<String> strings(JsonNode node, String field, String where) {
            if (!node.has(field)) {
                return Set.of();
            }
            JsonNode value = node.get(field);
            if (!value.isArray()) {
                throw fail(where, "'" + field + "' must be a list of strings");
            }
            Set<String> out = new LinkedHashSet<>();
            for (JsonNode v : value.values()) {
                if (!v.isString() || v.asString().isBlank()) {
                    throw fail(where, "'" + field + "' must be a list of non-empty strings, not " + v);
                }
                out.add(v.asString().strip());
            }
            return out;
        }

        private Milestone milestone(String id, String where, String field) {
            Milestone milestone = milestones.get(id);
            if (milestone == null) {
                throw fail(where, "'" + field + "' names unknown milestone '" + id + "' (known: " + milestones.keySet() + ")");
            }
            return milestone;
        }

        private InvalidRulebookException fail(String where, String problem) {
            return new InvalidRulebookException(file, where, problem);
        }

        private void object(JsonNode node, String where) {
            if (node == null || !node.isObject()) {
                throw fail(where, "must be a mapping (key: value), not " + node);
            }
        }

        private void fields(JsonNode node, Set<String> allowed, String where) {
            for (String name : node.propertyNames()) {
                if (!allowed.contains(name)) {
                    throw fail(where, "unknown field '" + name + "' (allowed: " + allowed.stream().sorted().toList() + ")");
                }
            }
        }

        private List<JsonNode> list(JsonNode node, String field, String where) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return List.of();
            }
            if (!value.isArray()) {
                throw fail(where, "'" + field + "' must be a list");
            }
            return new ArrayList<>(value.values());
        }

        private String text(JsonNode node, String field, String where, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    throw fail(where, "missing field '" + field + "'");
                }
                return null;
            }
            if (!value.isValueNode() || value.asString().isBlank()) {
                throw fail(where, "'" + field + "' must be a non-empty text");
            }
            return value.asString().strip();
        }

        private LocalDate date(JsonNode node, String field, String where, boolean required) {
            String text = text(node, field, where, required);
            if (text == null) {
                return null;
            }
            try {
                return LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                throw fail(where, "bad date '" + text + "' in '" + field + "' (expected YYYY-MM-DD)");
            }
        }

        private boolean bool(JsonNode value, String field, String where) {
            if (!value.isBoolean()) {
                throw fail(where, "unknown condition value '" + value.asString() + "' for " + field + " (allowed: true, false)");
            }
            return value.booleanValue();
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String field, String where, boolean required) {
            String text = text(node, field, where, required);
            return text == null ? null : parse(type, text, field, where);
        }

        private <E extends Enum<E>> E parse(Class<E> type, String text, String field, String where) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(text)) {
                    return constant;
                }
            }
            throw fail(where, "unknown value '" + text + "' for " + field + " (allowed: " + Arrays.toString(type.getEnumConstants()) + ")");
        }

        private <E extends Enum<E>> EnumSet<E> enumSet(Class<E> type, JsonNode value, String field, String where) {
            Collection<JsonNode> items = value.isArray() ? value.values() : List.of(value);
            if (items.isEmpty()) {
                throw fail(where, "'" + field + "' must name at least one value");
            }
            EnumSet<E> set = EnumSet.noneOf(type);
            for (JsonNode item : items) {
                if (!item.isString()) {
                    throw fail(where, "unknown condition value '" + item + "' for " + field + " (allowed: "
                            + Arrays.toString(type.getEnumConstants()) + ")");
                }
                set.add(parse(type, item.asString().strip(), field, where));
            }
            return set;
        }
    }

}
