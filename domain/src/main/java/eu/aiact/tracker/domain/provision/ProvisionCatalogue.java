package eu.aiact.tracker.domain.provision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import eu.aiact.tracker.api.classification.BasisKind;

/**
 * The legal provisions a classification may name, from every catalogue file loaded. A reference resolves to one provision through its
 * canonical id or one of its aliases, compared as {@link ReferenceKey}s; an Annex I reference that names the number of exactly one listed
 * act (e.g. {@code MDR 2017/745}) resolves to that act. Ids and keys are unique over the whole catalogue; parents exist and are of the same
 * kind. Immutable and safe to share.
 */
public final class ProvisionCatalogue {

    /** How many nearest provisions an unresolved reference is answered with. */
    public static final int NEAREST = 5;

    private static final int CACHE_LIMIT = 10_000;

    private final List<Provision> all;
    private final Map<String, Provision> byId = new LinkedHashMap<>();
    private final Map<String, Provision> byKey = new HashMap<>();
    private final Map<String, List<String>> keysOf = new HashMap<>();
    private final Map<String, Provision> byActKey = new HashMap<>();
    private final Map<String, Optional<Provision>> cache = new ConcurrentHashMap<>();

    /**
     * @param provisions in catalogue order; {@code files} maps a provision's catalogue id to its file, for messages
     * @throws InvalidProvisionCatalogueException on a duplicate id or key, an unknown parent or a parent of another kind
     */
    public ProvisionCatalogue(List<Provision> provisions, Map<String, String> files) {
        for (Provision p : provisions) {
            String file = files.getOrDefault(p.catalogue(), p.catalogue());
            Provision clash = byId.putIfAbsent(p.id(), p);
            if (clash != null) {
                throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "duplicate id, also in catalogue "
                        + clash.catalogue());
            }
            List<String> keys = new ArrayList<>();
            keys.add(ReferenceKey.of(p.id()));
            for (String alias : p.aliases()) {
                keys.add(ReferenceKey.of(alias));
            }
            List<String> own = new ArrayList<>();
            for (String key : keys) {
                if (key.isEmpty()) {
                    throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "an id or alias without letters or digits");
                }
                Provision other = byKey.putIfAbsent(key, p);
                if (other != null && other != p) {
                    throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "id or alias '" + key + "' (compared without"
                            + " case, punctuation and words like 'Art.' or 'Annex') also names provision " + other.id());
                }
                if (!own.contains(key)) {
                    own.add(key);
                }
            }
            keysOf.put(p.id(), List.copyOf(own));
            if (p.act() != null) {
                Provision other = byActKey.putIfAbsent(ReferenceKey.of(p.act()), p);
                if (other != null) {
                    throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "act '" + p.act() + "' is also the act of "
                            + other.id());
                }
            }
        }
        for (Provision p : provisions) {
            if (p.parent() == null) {
                continue;
            }
            String file = files.getOrDefault(p.catalogue(), p.catalogue());
            Provision parent = byId.get(p.parent());
            if (parent == null) {
                throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "unknown parent '" + p.parent() + "'");
            }
            if (parent.kind() != p.kind()) {
                throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "parent " + parent.id() + " is of kind "
                        + parent.kind() + ", not " + p.kind());
            }
            int depth = 0;
            for (Provision q = parent; q != null; q = q.parent() == null ? null : byId.get(q.parent())) {
                if (q == p || ++depth > 10) {
                    throw new InvalidProvisionCatalogueException(file, "provision " + p.id(), "its parents form a cycle");
                }
            }
        }
        this.all = List.copyOf(provisions);
    }

    /** The catalogue shipped on the class path ({@code provisions/index.txt}), loaded once. */
    public static ProvisionCatalogue shipped() {
        return Shipped.CATALOGUE;
    }

    private static final class Shipped {
        static final ProvisionCatalogue CATALOGUE = new ProvisionCatalogueLoader().loadClasspath();
    }

    /** Every provision, in catalogue order. */
    public List<Provision> all() {
        return all;
    }

    /** The provisions of one kind, in catalogue order. */
    public List<Provision> ofKind(BasisKind kind) {
        return all.stream().filter(p -> p.kind() == kind).toList();
    }

    /** The provision with exactly this canonical id. */
    public Optional<Provision> byId(String id) {
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /** The provision a reference (canonical id or alias, in any of the spellings {@link ReferenceKey} equates) names. */
    public Optional<Provision> resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            return Optional.empty();
        }
        Optional<Provision> cached = cache.get(reference);
        if (cached != null) {
            return cached;
        }
        Optional<Provision> found = Optional.ofNullable(lookup(reference));
        if (cache.size() < CACHE_LIMIT) {
            cache.put(reference, found);
        }
        return found;
    }

    private Provision lookup(String reference) {
        String key = ReferenceKey.of(reference);
        Provision p = byKey.get(key);
        if (p != null) {
            return p;
        }
        // an Annex I act named by its number inside a longer reference, e.g. "MDR (EU) 2017/745 class IIa"
        String padded = "." + key + ".";
        Provision act = null;
        for (Map.Entry<String, Provision> e : byActKey.entrySet()) {
            if (padded.contains("." + e.getKey() + ".")) {
                if (act != null) {
                    return null;
                }
                act = e.getValue();
            }
        }
        return act;
    }

    /** Resolves a reference given for a basis of {@code kind}: the provision, or unknown / of another kind with the nearest ones. */
    public ProvisionResolution resolve(BasisKind kind, String reference) {
        Optional<Provision> p = resolve(reference);
        if (p.isPresent() && (kind == null || p.get().kind() == kind)) {
            return new ProvisionResolution(reference, kind, p.get(), ProvisionResolution.Problem.NONE, List.of());
        }
        return new ProvisionResolution(reference, kind, p.orElse(null), p.isPresent() ? ProvisionResolution.Problem.WRONG_KIND
                : ProvisionResolution.Problem.UNKNOWN, nearest(reference, kind, NEAREST));
    }

    /**
     * The provisions (of {@code kind}, when given) whose id or aliases are closest to the reference (edit distance between keys), nearest
     * first, then in catalogue order.
     */
    public List<Provision> nearest(String reference, BasisKind kind, int limit) {
        String key = ReferenceKey.of(reference);
        record Scored(Provision provision, int distance, long numbers, int order) {
        }
        List<Scored> scored = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Provision p = all.get(i);
            if (kind != null && p.kind() != kind) {
                continue;
            }
            int best = Integer.MAX_VALUE;
            long numbers = Long.MAX_VALUE;
            for (String k : keysOf.get(p.id())) {
                int d = distance(key, k);
                long n = numberGap(key, k);
                if (d < best || (d == best && n < numbers)) {
                    best = d;
                    numbers = n;
                }
            }
            scored.add(new Scored(p, best, numbers, i));
        }
        scored.sort(Comparator.comparingInt(Scored::distance).thenComparingLong(Scored::numbers).thenComparingInt(Scored::order));
        return scored.stream().limit(Math.max(0, limit)).map(Scored::provision).toList();
    }

    /** Whether {@code provision} is {@code ancestor} or one of its children (at any depth). */
    public boolean within(Provision provision, Provision ancestor) {
        for (Provision p = provision; p != null; p = p.parent() == null ? null : byId.get(p.parent())) {
            if (p.id().equals(ancestor.id())) {
                return true;
            }
        }
        return false;
    }

    /** The keys a provision is found under: its id's and its aliases'. */
    public List<String> keys(Provision provision) {
        return keysOf.getOrDefault(provision.id(), List.of());
    }

    /** How far apart the numbers at the same places of two keys are (III.9 is nearer to III.8 than to III.1). */
    private static long numberGap(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        long gap = 0;
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (isNumber(x[i]) && isNumber(y[i])) {
                gap += Math.abs(Long.parseLong(x[i]) - Long.parseLong(y[i]));
            }
        }
        return gap;
    }

    private static boolean isNumber(String token) {
        return !token.isEmpty() && token.length() < 10 && token.chars().allMatch(Character::isDigit);
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
