package eu.aiact.tracker.api.system;

/** The organisation's role under the AI Act (Art 3(3) provider, Art 3(4) deployer). Government bodies are mostly deployers. */
public enum Role {
    PROVIDER,
    DEPLOYER,
    BOTH;

    public boolean isProvider() {
        return this != DEPLOYER;
    }

    public boolean isDeployer() {
        return this != PROVIDER;
    }
}
