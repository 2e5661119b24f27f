package eu.aiact.tracker.web.security;

import java.util.Locale;
import java.util.Optional;

/**
 * What a user may do, always for one organisation (or {@code *}, every organisation), except the administrator, who runs the platform.
 * Tokens carry roles as {@code role:organisation} strings, e.g. {@code registrar:Belastingdienst} or {@code auditor:*}.
 */
public enum Role {
    /** Issues commands for its organisation's systems, and reads them. */
    REGISTRAR,
    /** A CIO office: what a registrar may do, plus the configuration of alerts and the organisation's history as of a date. */
    CIO,
    /** Reads everything of its organisation(s), history and chain verification included; writes nothing. */
    AUDITOR,
    /** Dashboards only: portfolio, upcoming and overdue obligations, calendars. */
    VIEWER,
    /** Runs the platform: rulebook applications, projection rebuilds, dead letters, the notifier's clock and sweeps. */
    ADMIN;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> of(String id) {
        for (Role role : values()) {
            if (role.id().equals(id)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
