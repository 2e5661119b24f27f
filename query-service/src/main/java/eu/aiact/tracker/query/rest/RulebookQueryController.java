package eu.aiact.tracker.query.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;

import eu.aiact.tracker.query.rulebook.AppliedVersion;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.query.rulebook.ObligationChange;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.query.rulebook.RulebookApplications;
import eu.aiact.tracker.domain.rulebook.RulebookKind;
import eu.aiact.tracker.domain.rulebook.Rulebooks;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** The rulebook versions this service holds, which are in force, when each became applicable in the history, and what moved. */
@RestController
@RequestMapping("/api/rulebooks")
public class RulebookQueryController {

    private final Rulebooks rulebooks;
    private final RulebookApplications applications;
    private final Clock clock;
    private final OrganisationScope scope;

    public RulebookQueryController(Rulebooks rulebooks, RulebookApplications applications, Clock clock, OrganisationScope scope) {
        this.scope = scope;
        this.rulebooks = rulebooks;
        this.applications = applications;
        this.clock = clock;
    }

    /**
     * One rulebook version.
     *
     * @param inForceUntil the day before the next EU version took over (null while none has; national sets run on)
     * @param inForceToday whether it is among the rulebooks the engine uses today
     * @param applied      the RulebookVersionApplied event in the history; null while none was recorded
     */
    public record RulebookView(String id, String title, RulebookKind kind, String legalSource, String publishedIn, LocalDate inForceFrom,
            LocalDate inForceUntil, boolean inForceToday, String note, int rules, AppliedVersion applied) {
    }

    @GetMapping
    public List<RulebookView> versions() {
        LocalDate today = LocalDate.now(clock);
        List<Rulebook> inForce = inForceOn(today);
        Map<String, AppliedVersion> applied = applications.byVersion();
        List<Rulebook> all = rulebooks.all();
        return all.stream().map(r -> new RulebookView(r.id(), r.title(), r.kind(), r.legalSource(), r.publishedIn(),
                r.inForceFrom(), until(r, all), inForce.contains(r), r.note(), r.rules().size(), applied.get(r.id()))).toList();
    }

    /** Due dates that moved when rulebook versions became applicable, newest first. */
    @GetMapping("/changes")
    public List<ObligationChange> changes(@RequestParam(required = false) @Size(max = 100) String versionId,
            @RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(required = false) @Size(max = 100) String systemId,
            @RequestParam(defaultValue = "500") @Min(1) @Max(10000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        if (organisation != null && !organisation.isBlank()) {
            scope.requireKnown(organisation.strip(), Caller.current().scope(Capability.VIEW).isEmpty());
        }
        return applications.changes(versionId, organisation, systemId, limit, offset);
    }

    private List<Rulebook> inForceOn(LocalDate date) {
        try {
            ApplicableRulebooks applicable = rulebooks.inForceOn(date);
            return applicable.all();
        } catch (IllegalArgumentException noneInForce) {
            return List.of();
        }
    }

    private static LocalDate until(Rulebook rulebook, List<Rulebook> all) {
        if (rulebook.kind() != RulebookKind.EU) {
            return null;
        }
        return all.stream().filter(r -> r.kind() == RulebookKind.EU && r.inForceFrom().isAfter(rulebook.inForceFrom()))
                .map(r -> r.inForceFrom().minusDays(1)).findFirst().orElse(null);
    }
}
