package eu.aiact.tracker.query.access;

import java.util.LinkedHashMap;
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
