package eu.aiact.tracker.query.rest;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.domain.obligation.Obligation;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.query.obligation.ObligationFilter;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.obligation.ObligationRow;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.query.projection.SystemHistory;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.Rulebooks;
import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** The obligations of one system on any date, and the stored obligations of all systems. */
@RestController
@RequestMapping("/api")
public class ObligationQueryController {

    private final AiSystemRepository systems;
    private final SystemHistory history;
    private final ObligationRepository obligations;
    private final ObligationEngine engine;
    private final Rulebooks rulebooks;
    private final Clock clock;
    private final OrganisationScope scope;

    public ObligationQueryController(AiSystemRepository systems, SystemHistory history, ObligationRepository obligations,
            ObligationEngine engine, Rulebooks rulebooks, Clock clock, OrganisationScope scope) {
        this.scope = scope;
        this.systems = systems;
        this.history = history;
        this.obligations = obligations;
        this.engine = engine;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /**
     * The system's obligations on {@code asOf} (default today): its facts as recorded by the end of that day (later records and corrections
     * left out), under the rulebooks in force on that day.
     */
    @GetMapping("/systems/{id}/obligations")
    public List<Obligation> ofSystem(@PathVariable @Size(max = 100) String id,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        scope.requireSystem(id, Capability.READ);
        LocalDate today = LocalDate.now(clock);
        LocalDate date = asOf == null ? today : asOf;
        ApplicableRulebooks inForce = inForceOn(date);
        AiSystemRecord state;
        if (asOf == null) {
            state = systems.find(id).orElseThrow(() -> unknown(id, "No AI system with id " + id));
        } else {
            Instant endOfDay = date.plusDays(1).atStartOfDay(clock.getZone()).toInstant();
            state = history.stateKnownAt(id, endOfDay).orElseThrow(() -> unknown(id, systems.find(id).isPresent()
                    ? "AI system " + id + " was not yet recorded on " + date
                    : "No AI system with id " + id));
        }
        return engine.evaluate(state.toFacts(), inForce, date);
    }

    /** Stored obligations across systems (evaluated for today), by due date; filters combine. */
    @GetMapping("/obligations")
    public List<ObligationRow> all(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(required = false) @Size(max = 100) String systemId,
            @RequestParam(required = false) ObligationStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate dueBefore,
            @RequestParam(defaultValue = "500") @Min(1) @Max(10000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return obligations.list(new ObligationFilter(scope.filter(organisation, Capability.VIEW), systemId, status, dueBefore), limit, offset);
    }

    private ApplicableRulebooks inForceOn(LocalDate date) {
        try {
            return rulebooks.inForceOn(date);
        } catch (IllegalArgumentException noneInForce) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "asOf: " + noneInForce.getMessage());
        }
    }

    private static ResponseStatusException unknown(String id, String message) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
    }
}
