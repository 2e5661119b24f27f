package eu.aiact.tracker.domain.rulebook;

import eu.aiact.tracker.api.system.Role;

/**
 * Who bears a rule: the provider, the deployer, or the organisation in whatever role it has (Art 4 and Art 5 bind both). A rule borne
 * by the provider only applies when the organisation is provider (or both); one borne by the deployer only when it is deployer (or
 * both). An organisation whose role is not recorded is treated as deployer, the usual role of a public body.
 */
public enum Bearer {
    PROVIDER,
    DEPLOYER,
    ORGANISATION;

    /** Whether an organisation with this role bears the rule. */
    public boolean binds(Role role) {
        Role r = role == null ? Role.DEPLOYER : role;
        if (this == PROVIDER) {
            return r.isProvider();
        }
        if (this == DEPLOYER) {
            return r.isDeployer();
        }
        return true;
    }

    /** The bearer as the obligation names it. */
    public Role asRole(Role role) {
        if (this == PROVIDER) {
            return Role.PROVIDER;
        }
        if (this == DEPLOYER) {
            return Role.DEPLOYER;
        }
        return role == null ? Role.DEPLOYER : role;
    }
}
