package eu.aiact.tracker.domain.rulebook;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * All loaded rulebooks. The EU versions supersede each other by in-force date; national rule sets apply from their own in-force date
 * beside the EU version. Ids are unique; a national rule set's codes must not clash with an EU version's codes.
 */
public final class Rulebooks {

    private final List<Rulebook> all;
    private final List<Rulebook> eu;
    private final List<Rulebook> national;
    private final Map<String, Rulebook> byId = new HashMap<>();

    public Rulebooks(List<Rulebook> rulebooks) {
        List<Rulebook> sorted = new ArrayList<>(rulebooks);
        sorted.sort(Comparator.comparing(Rulebook::inForceFrom).thenComparing(Rulebook::id));
        for (Rulebook rulebook : sorted) {
            Rulebook clash = byId.put(rulebook.id(), rulebook);
            if (clash != null) {
                throw new InvalidRulebookException(rulebook.file(), "header", "duplicate rulebook id '" + rulebook.id() + "', also in "
                        + clash.file());
            }
        }
        this.all = List.copyOf(sorted);
        this.eu = sorted.stream().filter(r -> r.kind() == RulebookKind.EU).toList();
        this.national = sorted.stream().filter(r -> r.kind() == RulebookKind.NATIONAL).toList();
        if (eu.isEmpty()) {
            throw new IllegalArgumentException("No EU rulebook version loaded: at least one rulebook file needs kind EU");
        }
        Map<String, Rulebook> euCodes = new HashMap<>();
        for (Rulebook version : eu) {
            version.rules().forEach(rule -> euCodes.putIfAbsent(rule.code(), version));
        }
        Map<String, Rulebook> nationalCodes = new HashMap<>();
        for (Rulebook set : national) {
            Set<String> own = new HashSet<>();
            for (Rule rule : set.rules()) {
                own.add(rule.code());
                Rulebook other = euCodes.get(rule.code());
                if (other == null) {
                    other = nationalCodes.get(rule.code());
                }
                if (other != null) {
                    throw new InvalidRulebookException(set.file(), "rule " + rule.code(), "duplicate code: '" + rule.code()
                            + "' is also a rule of " + other.id() + " (" + other.file() + ")");
                }
            }
            own.forEach(code -> nationalCodes.put(code, set));
        }
    }

    /** The EU version in force on {@code date} and the national rule sets in force on it. */
    public ApplicableRulebooks inForceOn(LocalDate date) {
        Rulebook current = null;
        for (Rulebook version : eu) {
            if (!version.inForceFrom().isAfter(date)) {
                current = version;
            }
        }
        if (current == null) {
            throw new IllegalArgumentException("No rulebook in force on " + date + ": the first EU version, " + eu.get(0).id() + " ("
                    + eu.get(0).legalSource() + "), entered into force on " + eu.get(0).inForceFrom());
        }
        List<Rulebook> sets = new ArrayList<>();
        for (Rulebook set : national) {
            if (!set.inForceFrom().isAfter(date)) {
                sets.add(set);
            }
        }
        return new ApplicableRulebooks(current, sets);
    }

    /** Every loaded rulebook, by in-force date then id. */
    public List<Rulebook> all() {
        return all;
    }

    public Optional<Rulebook> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
