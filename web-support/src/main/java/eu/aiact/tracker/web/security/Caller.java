package eu.aiact.tracker.web.security;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Who sends the current request and what its roles allow, per organisation. With security switched off (development and tests only,
 * {@code tracker.security.enabled=false}) the caller is "open": it may do everything and has no name of its own.
 */
public final class Caller {

    private static final Caller OPEN = new Caller(null, List.of(), true, null);

    private final String name;
    private final List<Grant> grants;
    private final boolean open;
    private final String token;

    private Caller(String name, List<Grant> grants, boolean open, String token) {
        this.name = name;
        this.grants = List.copyOf(grants);
        this.open = open;
        this.token = token;
    }

    public static Caller of(String name, Collection<Grant> grants) {
        return new Caller(name, List.copyOf(grants), false, null);
    }

    /** Authority that the filter chain gives every request when security is switched off. */
    public static final String OPEN_AUTHORITY = "TRACKER_SECURITY_OFF";

    /** The caller of the current request: open when security is off, otherwise from the authenticated token. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null) {
            return new Caller(null, List.of(), false, null);
        }
        if (authentication.getAuthorities().stream().anyMatch(authority -> OPEN_AUTHORITY.equals(authority.getAuthority()))) {
            return OPEN;
        }
        if (!authentication.isAuthenticated() || authentication instanceof AnonymousAuthenticationToken) {
            return new Caller(null, List.of(), false, null);
        }
        String token = authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> bearer ? bearer.getToken().getTokenValue() : null;
        return new Caller(authentication.getName(), grantsOf(authentication.getAuthorities()), false, token);
    }

    /** Open: security is switched off, so every check passes and the actor must come from elsewhere (a header). */
    public boolean open() {
        return open;
    }

    /** The authenticated principal (the token's subject), or empty when security is off. */
    public Optional<String> name() {
        return Optional.ofNullable(name);
    }

    /** The bearer token the caller sent, for calls made on its behalf to another service (empty when security is off). */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    public List<Grant> grants() {
        return grants;
    }

    public boolean isAdmin() {
        return open || grants.stream().anyMatch(grant -> grant.role() == Role.ADMIN);
    }

    public boolean may(Capability capability, String organisation) {
        return open || grants.stream().anyMatch(grant -> capability.roles().contains(grant.role()) && grant.covers(organisation));
    }

    public boolean mayAny(Capability capability) {
        return open || grants.stream().anyMatch(grant -> capability.roles().contains(grant.role()));
    }

    /** The organisations the caller may see with this capability: empty when it may see all of them. */
    public Optional<Set<String>> scope(Capability capability) {
        if (open) {
            return Optional.empty();
        }
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

    /** Refuses (403) unless the caller has the capability for the organisation. */
    public void require(Capability capability, String organisation) {
        if (!may(capability, organisation)) {
            throw new AccessRefusedException("Your roles do not allow " + describe(capability) + " for this organisation");
        }
    }

    /** Refuses (403) unless the caller has the capability for at least one organisation. */
    public void requireAny(Capability capability) {
        if (!mayAny(capability)) {
            throw new AccessRefusedException("Your roles do not allow " + describe(capability));
        }
    }

    /** Refuses (403) unless the caller has the capability for every organisation. */
    public void requireAll(Capability capability) {
        if (scope(capability).isPresent()) {
            throw new AccessRefusedException("Your roles do not allow " + describe(capability) + " for every organisation");
        }
    }

    private static String describe(Capability capability) {
        return switch (capability) {
            case VIEW -> "viewing dashboards";
            case READ -> "reading AI systems";
            case WRITE -> "changing AI systems";
            case CONFIGURE_ALERTS -> "configuring alerts";
            case AUDIT -> "audit views";
        };
    }

    private static List<Grant> grantsOf(Collection<? extends GrantedAuthority> authorities) {
        return authorities.stream().filter(Grant.class::isInstance).map(Grant.class::cast).toList();
    }
}
