package eu.aiact.tracker.web.security;

import java.util.Optional;

import org.springframework.security.core.GrantedAuthority;

/**
 * One role of the caller, for one organisation ({@code *}: all of them; none for the administrator). As a Spring Security authority it
 * reads {@code ROLE_REGISTRAR} and so on, so URL rules can use {@code hasRole}.
 */
public record Grant(Role role, String organisation) implements GrantedAuthority {

    public static final String ALL = "*";

    public boolean covers(String candidate) {
        return ALL.equals(organisation) || organisation != null && organisation.equals(candidate);
    }

    @Override
    public String getAuthority() {
        return "ROLE_" + role.name();
    }

    /** Parses {@code role:organisation} or {@code admin}; anything else is not a grant. */
    public static Optional<Grant> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        int colon = value.indexOf(':');
        String roleId = colon < 0 ? value.strip() : value.substring(0, colon).strip();
        String organisation = colon < 0 ? null : value.substring(colon + 1).strip();
        Optional<Role> role = Role.of(roleId);
        if (role.isEmpty()) {
            return Optional.empty();
        }
        if (role.get() == Role.ADMIN) {
            return Optional.of(new Grant(Role.ADMIN, ALL));
        }
        if (organisation == null || organisation.isEmpty() || organisation.length() > 200) {
            return Optional.empty();
        }
        return Optional.of(new Grant(role.get(), organisation));
    }

    @Override
    public String toString() {
        return role.id() + (role == Role.ADMIN ? "" : ":" + organisation);
    }
}
