package eu.aiact.tracker.domain.obligation;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import eu.aiact.tracker.domain.rulebook.Rule;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * The obligation codes evidence may be recorded against: the codes of every rule of every loaded rulebook (of every version, so that
 * evidence for a rule of an earlier version stays possible), and, to help a caller who names another, the codes of one system's own
 * obligations.
 */
public final class ObligationCodes {

    private final Rulebooks rulebooks;
    private final ObligationEngine engine;
    private final Map<String, String> byUpperCase = new HashMap<>();

    public ObligationCodes(Rulebooks rulebooks, ObligationEngine engine) {
        this.rulebooks = rulebooks;
        this.engine = engine;
        for (Rulebook rulebook : rulebooks.all()) {
            for (Rule rule : rulebook.rules()) {
                byUpperCase.putIfAbsent(rule.code().toUpperCase(Locale.ROOT), rule.code());
            }
        }
    }

    /** The codes of the shipped rulebooks (no extra directory), loaded once. */
    public static ObligationCodes shipped() {
        return Shipped.CODES;
    }

    private static final class Shipped {
        static final ObligationCodes CODES = new ObligationCodes(new RulebookLoader().loadAll(null), new ObligationEngine());
    }

    /** The code as the rulebooks spell it, when some rule has it (compared without case and surrounding spaces). */
    public Optional<String> known(String code) {
        return code == null ? Optional.empty() : Optional.ofNullable(byUpperCase.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** Every code of every loaded rulebook. */
    public Set<String> all() {
        return Set.copyOf(byUpperCase.values());
    }

    /** The distinct codes of the system's obligations on {@code date} (by due date, as the engine orders them); empty before 2024-08-01. */
    public List<String> of(SystemFacts facts, LocalDate date) {
        try {
            Set<String> codes = new LinkedHashSet<>();
            for (Obligation o : engine.evaluate(facts, rulebooks.inForceOn(date), date)) {
                codes.add(o.code());
            }
            return List.copyOf(codes);
        } catch (IllegalArgumentException beforeTheFirstVersion) {
            return List.of();
        }
    }
}
