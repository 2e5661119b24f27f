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

    /**
     * Parses a role strictly: {@code admin} alone is the platform's administrator; any other role is {@code role:organisation} with a
     * known role in lower case and an organisation (or {@code *}) of 1 to 200 characters without control characters. Anything else
     * ({@code admin:Foo}, {@code Registrar:X}, {@code registrar}, {@code superuser:*} ...) is no grant: empty, with why in
     * {@link #problem(String)}.
     */
    public static Optional<Grant> parse(String value) {
        return problem(value) == null ? Optional.of(parsed(value)) : Optional.empty();
    }

    /** Why the value is not a grant, or null when it is one. */
    public static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "an empty role";
        }
        if (value.equals(Role.ADMIN.id())) {
            return null;
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            return Role.of(value).isPresent() ? "role " + value + " names no organisation (" + value + ":<organisation> or " + value + ":*)"
                    : "unknown role " + value + "; known: admin, and " + knownForOrganisations() + " as role:organisation";
        }
        String roleId = value.substring(0, colon);
        String organisation = value.substring(colon + 1);
        Optional<Role> role = Role.of(roleId);
        if (role.isEmpty()) {
            return "unknown role " + roleId + "; known: admin, and " + knownForOrganisations() + " as role:organisation";
        }
        if (role.get() == Role.ADMIN) {
            return "admin holds for the platform, not for an organisation: the role is admin alone";
        }
        if (organisation.isBlank() || !organisation.equals(organisation.strip()) || organisation.length() > 200) {
            return "the organisation of " + roleId + " must be 1 to 200 characters without leading or trailing spaces";
        }
        if (organisation.chars().anyMatch(c -> Character.getType(c) == Character.CONTROL || Character.isSurrogate((char) c))) {
            return "the organisation of " + roleId + " holds a control character";
        }
        return null;
    }

    private static Grant parsed(String value) {
        if (value.equals(Role.ADMIN.id())) {
            return new Grant(Role.ADMIN, ALL);
        }
        int colon = value.indexOf(':');
        return new Grant(Role.of(value.substring(0, colon)).orElseThrow(), value.substring(colon + 1));
    }

    private static String knownForOrganisations() {
        return java.util.Arrays.stream(Role.values()).filter(r -> r != Role.ADMIN).map(Role::id).toList().toString();
    }

    @Override
    public String toString() {
        return role.id() + (role == Role.ADMIN ? "" : ":" + organisation);
    }
}
