package eu.aiact.tracker.query.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.query.view.SystemView;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.domain.obligation.Obligation;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.query.projection.SystemHistory;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * The two time axes auditors need: what was true on an effective date, as known at a recorded time. A system reclassified in 2026 with
 * effect from 2024 is, on 2025-06-01 as known on 2025-06-01, still what the records said then; on 2025-06-01 as known today, the
 * class it has had since 2024.
 */
@Component
public class AsOfViews {

    private final SystemHistory history;
    private final ObligationEngine engine;
    private final Rulebooks rulebooks;
    private final Clock clock;

    public AsOfViews(SystemHistory history, ObligationEngine engine, Rulebooks rulebooks, Clock clock) {
        this.history = history;
        this.engine = engine;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /** The end of {@code date} in the service's time zone: "known on a date" means recorded by the end of that day. */
    public Instant endOf(LocalDate date) {
        return date.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
    }

    /** Empty when the system was not recorded before {@code knownAt}, or did not exist yet on {@code date}. */
    public Optional<SystemAsOf> system(String systemId, LocalDate date, Instant knownAt) {
        ApplicableRulebooks inForce = rulebooks.inForceOn(date);
        return history.stateAt(systemId, knownAt, date).map(state -> new SystemAsOf(systemId, date, knownAt, ids(inForce), SystemView.of(state),
                engine.evaluate(state.toFacts(), inForce, date)));
    }

    public OrganisationAsOf organisation(String organisation, LocalDate date, Instant knownAt) {
        ApplicableRulebooks inForce = rulebooks.inForceOn(date);
        Map<ObligationStatus, Long> counts = new EnumMap<>(ObligationStatus.class);
        List<OrganisationAsOf.SystemSummary> systems = new ArrayList<>();
        for (String id : history.systemsOf(organisation, knownAt)) {
            Optional<AiSystemRecord> state = history.stateAt(id, knownAt, date);
            if (state.isEmpty()) {
                continue;
            }
            List<Obligation> obligations = engine.evaluate(state.get().toFacts(), inForce, date);
            obligations.forEach(o -> counts.merge(o.status(), 1L, Long::sum));
            systems.add(new OrganisationAsOf.SystemSummary(id, state.get().name(), state.get().phase(), state.get().riskClass(),
                    obligations));
        }
        return new OrganisationAsOf(organisation, date, knownAt, ids(inForce), counts, systems);
    }

    private static List<String> ids(ApplicableRulebooks inForce) {
        return inForce.all().stream().map(Rulebook::id).toList();
    }
}
