package eu.aiact.tracker.domain.system;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The roles of the AI Act's value chain that the tracker refuses to record, and why. It tracks the duties of the organisation that
 * provides an AI system (builds it or has it built and puts it on the market or into service under its own name) or deploys it (uses
 * it under its authority): {@code PROVIDER}, {@code DEPLOYER}, {@code BOTH}. An importer (Art 3(6), Art 23) and a distributor (Art 3(7),
 * Art 24) place or make available on the Union market a system of another provider, in the course of a commercial activity; an
 * authorised representative (Art 3(5), Art 22) acts for a provider established outside the Union by its written mandate. A public body
 * using AI is none of these: one that buys a system from outside the Union and uses it itself is its deployer (the importer's duties lie
 * with whoever placed it on the Union market), one that puts a system into service under its own name is its provider (Art 25(1)).
 * Recording such a role as a deployer's would silently give the wrong duties, so it is refused with the explanation.
 */
public final class UnsupportedRoles {

    private static final Set<String> NAMES = Set.of("IMPORTER", "DISTRIBUTOR", "AUTHORISED_REPRESENTATIVE", "AUTHORIZED_REPRESENTATIVE",
            "AUTHORISED-REPRESENTATIVE", "AUTHORIZED-REPRESENTATIVE", "AUTHORISED REPRESENTATIVE", "AUTHORIZED REPRESENTATIVE");

    private UnsupportedRoles() {
    }

    /** The explanation for a value that names an importer, distributor or authorised representative; empty for any other value. */
    public static Optional<String> explain(String value) {
        if (value == null || !NAMES.contains(value.strip().toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("the tracker does not record importers, distributors or authorised representatives (Art 22 to 24): they place "
                + "or make available on the Union market another provider's system, or act on its mandate, which a public body using AI "
                + "does not do. Record PROVIDER (the system is put on the market or into service under the organisation's own name, "
                + "Art 25(1)), DEPLOYER (it is used under the organisation's authority, also when bought from outside the Union) or BOTH");
    }
}
