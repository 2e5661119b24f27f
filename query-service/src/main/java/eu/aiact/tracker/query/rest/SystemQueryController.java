package eu.aiact.tracker.query.rest;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.query.projection.AiSystemProjection;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.query.projection.HistoryEntry;
import eu.aiact.tracker.stream.RebuildProgress;
import eu.aiact.tracker.query.projection.SystemFilter;
import eu.aiact.tracker.query.projection.SystemHistory;
import eu.aiact.tracker.query.view.SystemView;
import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** Reads of the AI system projection: one system with every recorded fact, lists, and a system's full history. */
@RestController
@RequestMapping("/api")
public class SystemQueryController {

    private final AiSystemRepository systems;
    private final SystemHistory history;
    private final AiSystemProjection projection;
    private final OrganisationScope scope;

    public SystemQueryController(AiSystemRepository systems, SystemHistory history, AiSystemProjection projection,
            OrganisationScope scope) {
        this.scope = scope;
        this.systems = systems;
        this.history = history;
        this.projection = projection;
    }

    @GetMapping("/systems/{id}")
    public SystemView system(@PathVariable @Size(max = 100) String id) {
        // the state holds the organisation: one read, and a system the caller may not see is answered as unknown
        return systems.find(id).filter(state -> Caller.current().may(Capability.READ, state.organisation())).map(SystemView::of)
                .orElseThrow(() -> unknown(id));
    }

    /**
     * The systems the caller may read, filtered and sorted, a page at a time; the header {@code X-Total-Count} holds how many match in
     * all (for paging, and for a download of exactly the filtered list).
     */
    @GetMapping("/systems")
    public ResponseEntity<List<SystemView>> systems(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(required = false) Phase phase, @RequestParam(required = false) RiskClass riskClass,
            @RequestParam(required = false) @Size(max = 200) String q, @RequestParam(required = false) Boolean paused,
            @RequestParam(required = false) ObligationStatus obligation, @RequestParam(required = false) Boolean registered,
            @RequestParam(required = false) Boolean flagged, @RequestParam(required = false) @Size(max = 40) String sort,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        try {
            AiSystemRepository.Sort.orderBy(sort);
        } catch (IllegalArgumentException unknownSort) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, unknownSort.getMessage());
        }
        SystemFilter filter = new SystemFilter(scope.filter(organisation, Capability.READ), phase, riskClass, q, paused, obligation,
                registered, flagged);
        return ResponseEntity.ok().header("X-Total-Count", String.valueOf(systems.count(filter)))
                .header("Access-Control-Expose-Headers", "X-Total-Count").body(systems.list(filter, sort, limit, offset).stream().map(SystemView::of).toList());
    }

    /** Every event of the system in order, with when it took effect, when it was recorded, who recorded it and why. */
    @GetMapping("/systems/{id}/history")
    public List<HistoryEntry> history(@PathVariable @Size(max = 100) String id,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        scope.requireSystem(id, Capability.READ);
        List<HistoryEntry> entries = history.of(id, limit, offset);
        if (entries.isEmpty() && offset == 0) {
            throw unknown(id);
        }
        return entries;
    }

    /** Empties the AI system projection and rebuilds it from the events topic; the answer points at its progress. */
    @PostMapping("/admin/projections/systems/rebuild")
    public ResponseEntity<RebuildProgress.Status> rebuild() {
        projection.rebuild();
        return ResponseEntity.accepted().location(java.net.URI.create("/api/admin/projections/systems/rebuild"))
                .body(projection.rebuildProgress().status());
    }

    /** The last (or running) rebuild: events replayed of the total the topic held when it started, and the rate. */
    @GetMapping("/admin/projections/systems/rebuild")
    public RebuildProgress.Status rebuildProgress() {
        return projection.rebuildProgress().status();
    }

    private static ResponseStatusException unknown(String id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No AI system with id " + id);
    }
}
