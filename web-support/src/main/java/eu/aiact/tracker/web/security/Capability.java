package eu.aiact.tracker.web.security;

import java.util.EnumSet;
import java.util.Set;

/** What a request needs for one organisation's data, and which roles give it. */
public enum Capability {
    /** Dashboards: portfolio counts, obligation lists, calendars. */
    VIEW(EnumSet.of(Role.VIEWER, Role.REGISTRAR, Role.CIO, Role.AUDITOR)),
    /** The systems themselves: their facts, obligations, history and exports. */
    READ(EnumSet.of(Role.REGISTRAR, Role.CIO, Role.AUDITOR)),
    /** Commands and imports. */
    WRITE(EnumSet.of(Role.REGISTRAR, Role.CIO)),
    /** Who receives which alerts. */
    CONFIGURE_ALERTS(EnumSet.of(Role.CIO)),
    /** The audit views: the event log across systems, what was true and known on a date, chain verification. */
    AUDIT(EnumSet.of(Role.AUDITOR, Role.CIO));

    private final Set<Role> roles;

    Capability(Set<Role> roles) {
        this.roles = roles;
    }

    public Set<Role> roles() {
        return roles;
    }
}
