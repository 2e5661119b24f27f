package eu.aiact.tracker.webapp.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import eu.aiact.tracker.web.security.Capability;
import eu.aiact.tracker.web.security.Grant;
import eu.aiact.tracker.web.security.Role;

/**
 * Who is signed in and the roles the identity provider gives them, read as the services read them ({@link Grant}). The web application
 * uses them only to decide which links and forms to show; every answer comes from the services, which check the token themselves.
 */
public record SignedInUser(String name, List<Grant> grants) {

    public static SignedInUser of(String name, Collection<String> roles) {
        List<Grant> grants = new ArrayList<>();
        for (String role : roles) {
            Grant.parse(role).ifPresent(grants::add);
        }
        return new SignedInUser(name, List.copyOf(grants));
    }

    public boolean may(Capability capability, String organisation) {
        return grants.stream().anyMatch(grant -> capability.roles().contains(grant.role()) && grant.covers(organisation));
    }

    public boolean mayAny(Capability capability) {
        return grants.stream().anyMatch(grant -> capability.roles().contains(grant.role()));
    }

    /** The organisations the user may see with this capability; empty when all of them. */
    public Optional<Set<String>> scope(Capability capability) {
        Set<String> organisations = new TreeSet<>();
        for (Grant grant : grants) {
            if (capability.roles().contains(grant.role())) {
                if (Grant.ALL.equals(grant.organisation())) {
                    return Optional.empty();
                }
                organisations.add(grant.organisation());
            }
        }
        return Optional.of(organisations);
    }

    /** Whether this user's roles span every organisation for this capability ({@code role:*}). */
    public boolean all(Capability capability) {
        return mayAny(capability) && scope(capability).isEmpty();
    }

    /** Whether the user views every organisation's dashboards ({@code cio:*}, {@code auditor:*} ...). */
    public boolean viewsAll() {
        return all(Capability.VIEW);
    }

    public boolean isAdmin() {
        return grants.stream().anyMatch(grant -> grant.role() == Role.ADMIN);
    }

    public boolean isAuditor() {
        return grants.stream().anyMatch(grant -> grant.role() == Role.AUDITOR);
    }

    public boolean canRead() {
        return mayAny(Capability.READ);
    }

    public boolean canWrite() {
        return mayAny(Capability.WRITE);
    }

    public boolean canView() {
        return mayAny(Capability.VIEW);
    }

    public boolean canAudit() {
        return mayAny(Capability.AUDIT);
    }

    public boolean canConfigureAlerts() {
        return mayAny(Capability.CONFIGURE_ALERTS);
    }

    /** The roles as the provider wrote them, for the page header. */
    public List<String> roleNames() {
        return grants.stream().map(Grant::toString).toList();
    }
}
