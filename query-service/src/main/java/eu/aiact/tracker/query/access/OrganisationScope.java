package eu.aiact.tracker.query.access;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;

/**
 * The query service's checks per organisation, on top of the URL rules: which organisation a list may show, and whether a system may be
 * seen at all. A system of an organisation the caller may not see is answered as if it did not exist (404), so its existence leaks not.
 */
@Component
public class OrganisationScope {

    private final AiSystemRepository systems;

    public OrganisationScope(AiSystemRepository systems) {
        this.systems = systems;
    }

    /**
     * The organisation a list is filtered on: the one asked for (403 unless the caller may see it with this capability); when none is
     * asked for, none (all) for callers that see every organisation, or the caller's only organisation. A caller whose roles cover
     * several organisations must name one (400).
     */
    public String filter(String requested, Capability capability) {
        Caller caller = Caller.current();
        caller.requireAny(capability);
        String organisation = requested == null || requested.isBlank() ? null : requested.strip();
        if (organisation != null) {
            caller.require(capability, organisation);
            requireKnown(organisation, caller.scope(capability).isEmpty());
            return organisation;
        }
        Optional<Set<String>> scope = caller.scope(capability);
        if (scope.isEmpty()) {
            return null;
        }
        if (scope.get().size() == 1) {
            return scope.get().iterator().next();
        }
        throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "organisation: your roles cover several organisations " + scope.get()
                + "; name one of them");
    }

    /**
     * 404 for an organisation no AI system is recorded of (a misspelt one, say), naming it; a caller who sees every organisation is
     * told the nearest ones.
     */
    public void requireKnown(String organisation, boolean seesAll) {
        if (systems.organisationKnown(organisation)) {
            return;
        }
        String nearest = seesAll ? "; the nearest recorded: " + nearest(organisation, systems.organisations()) : "";
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "organisation: no AI system of organisation '" + organisation
                + "' is recorded" + nearest);
    }

    static List<String> nearest(String organisation, List<String> known) {
        String wanted = organisation.toLowerCase(Locale.ROOT);
        return known.stream().sorted(Comparator.comparingInt((String k) -> distance(wanted, k.toLowerCase(Locale.ROOT)))
                .thenComparing(Comparator.naturalOrder())).limit(5).toList();
    }

    /** Levenshtein distance (names are at most 200 characters). */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Only the entries of organisations the caller may see. */
    public <V> Map<String, V> visible(Map<String, V> byOrganisation, Capability capability) {
        Optional<Set<String>> scope = Caller.current().scope(capability);
        if (scope.isEmpty()) {
            return byOrganisation;
        }
        Map<String, V> visible = new LinkedHashMap<>();
        byOrganisation.forEach((organisation, value) -> {
            if (scope.get().contains(organisation)) {
                visible.put(organisation, value);
            }
        });
        return visible;
    }

    /** Whether the caller may see the system: false also when the projection does not know it. */
    public boolean maySee(String systemId, Capability capability) {
        Caller caller = Caller.current();
        if (caller.scope(capability).isEmpty()) {
            return true;
        }
        return systemId != null && systemId.length() <= 100 && systems.organisationOf(systemId).map(org -> caller.may(capability, org)).orElse(false);
    }

    /** 404, worded as for a system that does not exist, unless the caller may see it. */
    public void requireSystem(String systemId, Capability capability) {
        if (!maySee(systemId, capability)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No AI system with id " + systemId);
        }
    }
}
