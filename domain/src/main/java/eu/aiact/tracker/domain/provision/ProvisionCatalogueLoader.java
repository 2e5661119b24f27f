package eu.aiact.tracker.domain.provision;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import eu.aiact.tracker.api.classification.BasisKind;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads catalogue files of legal provisions (YAML, format in {@code provisions/README.md}) and checks them strictly, like the rulebook
 * loader: an unknown or missing field, an empty text, a bad kind, id, date or act number, a duplicate id or alias, or an unknown parent
 * fails with an {@link InvalidProvisionCatalogueException} naming the file, the provision and the problem.
 */
public final class ProvisionCatalogueLoader {

    /** The list of the shipped catalogue files, on the class path. */
    public static final String INDEX = "provisions/index.txt";

    private static final String FILE_ID_PATTERN = "[a-z0-9][a-z0-9.-]{0,99}";
    private static final String ID_PATTERN = "[0-9A-Za-z][0-9A-Za-z().]{0,39}";
    private static final String ACT_PATTERN = "[0-9]{1,4}/[0-9]{1,4}";

    private static final Set<String> HEADER_FIELDS = Set.of("id", "title", "legalSource", "publishedIn", "inForceFrom", "note", "provisions");
    private static final Set<String> PROVISION_FIELDS = Set.of("id", "kind", "parent", "title", "source", "aliases", "act", "note");
    private static final Set<String> TITLE_FIELDS = Set.of("nl", "en");

    private final YAMLMapper mapper = YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /** One file read: its header and provisions. */
    public record CatalogueFile(String file, String id, String title, String legalSource, String publishedIn, LocalDate inForceFrom,
            List<Provision> provisions) {
    }

    /** The catalogue of every file named in each {@value #INDEX} on the class path. */
    public ProvisionCatalogue loadClasspath() {
        try {
            List<CatalogueFile> files = new ArrayList<>();
            Enumeration<URL> indexes = ProvisionCatalogueLoader.class.getClassLoader().getResources(INDEX);
            while (indexes.hasMoreElements()) {
                URL index = indexes.nextElement();
                for (String line : readLines(index)) {
                    String name = line.strip();
                    if (name.isEmpty() || name.startsWith("#")) {
                        continue;
                    }
                    try (InputStream in = new URL(index, name).openStream()) {
                        files.add(read("provisions/" + name, in));
                    } catch (IOException e) {
                        throw new InvalidProvisionCatalogueException("provisions/" + name, "file", "named in " + index
                                + " but cannot be read: " + e.getMessage(), e);
                    }
                }
            }
            if (files.isEmpty()) {
                throw new IllegalStateException("No provision catalogue on the class path (" + INDEX + ")");
            }
            return catalogue(files);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the provision catalogue on the class path", e);
        }
    }

    /** The catalogue of the given files, in order. */
    public ProvisionCatalogue catalogue(List<CatalogueFile> files) {
        List<Provision> provisions = new ArrayList<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (CatalogueFile f : files) {
            String clash = names.putIfAbsent(f.id(), f.file());
            if (clash != null) {
                throw new InvalidProvisionCatalogueException(f.file(), "header", "duplicate catalogue id '" + f.id() + "', also in " + clash);
            }
            provisions.addAll(f.provisions());
        }
        return new ProvisionCatalogue(provisions, names);
    }

    private static List<String> readLines(URL url) throws IOException {
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** Reads one file; {@code file} names it in error messages. */
    public CatalogueFile read(String file, InputStream in) {
        JsonNode root;
        try {
            root = mapper.readTree(in);
        } catch (JacksonException e) {
            throw new InvalidProvisionCatalogueException(file, "YAML", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidProvisionCatalogueException(file, "header", "the file must be a YAML mapping with id, title, ... and provisions");
        }
        return new Reader(file).read(root);
    }

    private static final class Reader {

        private final String file;

        Reader(String file) {
            this.file = file;
        }

        CatalogueFile read(JsonNode root) {
            String where = "header";
            fields(root, HEADER_FIELDS, where);
            String id = text(root, "id", where, true);
            if (!id.matches(FILE_ID_PATTERN)) {
                throw fail(where, "id '" + id + "' must be 1 to 100 lower-case letters, digits, dots and dashes");
            }
            where = "header of " + id;
            String title = text(root, "title", where, true);
            String legalSource = text(root, "legalSource", where, true);
            String publishedIn = text(root, "publishedIn", where, false);
            String date = text(root, "inForceFrom", where, true);
            LocalDate inForceFrom;
            try {
                inForceFrom = LocalDate.parse(date);
            } catch (DateTimeParseException e) {
                throw fail(where, "bad date '" + date + "' in 'inForceFrom' (expected YYYY-MM-DD)");
            }
            text(root, "note", where, false);
            JsonNode list = root.get("provisions");
            if (list == null || !list.isArray() || list.isEmpty()) {
                throw fail(where, "missing field 'provisions': a catalogue file needs at least one provision");
            }
            List<Provision> provisions = new ArrayList<>();
            int number = 0;
            for (JsonNode node : list.values()) {
                provisions.add(provision(node, ++number, id));
            }
            return new CatalogueFile(file, id, title, legalSource, publishedIn, inForceFrom, List.copyOf(provisions));
        }

        private Provision provision(JsonNode node, int number, String catalogue) {
            String where = "provision " + (node.isObject() && node.has("id") ? node.get("id").asString() : "#" + number + " (no id)");
            if (!node.isObject()) {
                throw fail(where, "must be a mapping (key: value), not " + node);
            }
            fields(node, PROVISION_FIELDS, where);
            String id = text(node, "id", where, true);
            if (!id.matches(ID_PATTERN)) {
                throw fail(where, "id '" + id + "' must be 1 to 40 letters, digits, dots and parentheses, starting with a letter or digit");
            }
            String kindText = text(node, "kind", where, true);
            BasisKind kind = null;
            for (BasisKind k : BasisKind.values()) {
                if (k.name().equals(kindText)) {
                    kind = k;
                }
            }
            if (kind == null) {
                throw fail(where, "unknown value '" + kindText + "' for kind (allowed: " + Arrays.toString(BasisKind.values()) + ")");
            }
            String parent = text(node, "parent", where, false);
            JsonNode titleNode = node.get("title");
            if (titleNode == null || !titleNode.isObject()) {
                throw fail(where, "missing field 'title': a mapping with the title in Dutch (nl) and English (en)");
            }
            fields(titleNode, TITLE_FIELDS, where + " title");
            Provision.Title title = new Provision.Title(text(titleNode, "nl", where + " title", true),
                    text(titleNode, "en", where + " title", true));
            String source = text(node, "source", where, true);
            Set<String> aliases = new LinkedHashSet<>();
            JsonNode aliasNode = node.get("aliases");
            if (aliasNode != null && !aliasNode.isNull()) {
                if (!aliasNode.isArray()) {
                    throw fail(where, "'aliases' must be a list of texts");
                }
                for (JsonNode a : aliasNode.values()) {
                    if (!a.isString() || a.asString().isBlank()) {
                        throw fail(where, "'aliases' must be a list of non-empty texts, not " + a);
                    }
                    if (!aliases.add(a.asString().strip())) {
                        throw fail(where, "alias '" + a.asString().strip() + "' is listed twice");
                    }
                }
            }
            String act = text(node, "act", where, false);
            if (act != null && !act.matches(ACT_PATTERN)) {
                throw fail(where, "act '" + act + "' must be an act's number, e.g. 2017/745");
            }
            if (act != null && kind != BasisKind.ANNEX_I_PRODUCT) {
                throw fail(where, "'act' belongs to an ANNEX_I_PRODUCT provision, not " + kind);
            }
            String note = text(node, "note", where, false);
            return new Provision(id, kind, parent, title, List.copyOf(aliases), source, act, note, catalogue);
        }

        private InvalidProvisionCatalogueException fail(String where, String problem) {
            return new InvalidProvisionCatalogueException(file, where, problem);
        }

        private void fields(JsonNode node, Set<String> allowed, String where) {
            for (String name : node.propertyNames()) {
                if (!allowed.contains(name)) {
                    throw fail(where, "unknown field '" + name + "' (allowed: " + allowed.stream().sorted().toList() + ")");
                }
            }
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
    }
}
