package eu.aiact.tracker.domain.obligation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.system.AiSystemRecord;

/**
 * Which due dates a rulebook version moves: every system evaluated, on the day it is decided, under the rulebooks in force the day
 * before the version took effect and under those in force from that day; an obligation whose due date differs, that is added, or that
 * is dropped, is a move. A pure function of the systems' records, the rulebooks and the date: decided once, when the version becomes
 * applicable, and recorded, so that nobody has to work it out again from a history read in another order.
 */
public final class DeadlineMoves {

    private final ObligationEngine engine;

    public DeadlineMoves(ObligationEngine engine) {
        this.engine = engine;
    }

    /** One moved due date of one system; an added obligation has no old date, a dropped one no new date. */
    public record Move(String systemId, String organisation, String systemName, String code, String article, LocalDate oldDueDate,
            LocalDate newDueDate, String oldRulebook, String newRulebook) {
    }

    /** The moves of one system (none for a system that is not recorded). */
    public List<Move> of(AiSystemRecord system, ApplicableRulebooks before, ApplicableRulebooks after, LocalDate on) {
        if (system == null || !system.exists()) {
            return List.of();
        }
        SystemFacts facts = system.toFacts();
        Map<String, Obligation> old = byCode(engine.evaluate(facts, before, on));
        Map<String, Obligation> now = byCode(engine.evaluate(facts, after, on));
        Set<String> codes = new LinkedHashSet<>(old.keySet());
        codes.addAll(now.keySet());
        List<Move> moves = new ArrayList<>();
        for (String code : codes) {
            Obligation was = old.get(code);
            Obligation is = now.get(code);
            LocalDate oldDue = was == null ? null : was.dueDate();
            LocalDate newDue = is == null ? null : is.dueDate();
            if (was != null && is != null && Objects.equals(oldDue, newDue)) {
                continue;
            }
            moves.add(new Move(system.id(), system.organisation(), system.name(), code, (is != null ? is : was).article(), oldDue, newDue,
                    was == null ? null : was.rulebook(), is == null ? null : is.rulebook()));
        }
        return moves;
    }

    /** The moves of every system, in the order given. */
    public List<Move> between(Iterable<AiSystemRecord> systems, ApplicableRulebooks before, ApplicableRulebooks after, LocalDate on) {
        List<Move> moves = new ArrayList<>();
        for (AiSystemRecord system : systems) {
            moves.addAll(of(system, before, after, on));
        }
        return moves;
    }

    private static Map<String, Obligation> byCode(List<Obligation> obligations) {
        Map<String, Obligation> byCode = new LinkedHashMap<>();
        obligations.forEach(o -> byCode.put(o.code(), o));
        return byCode;
    }
}
