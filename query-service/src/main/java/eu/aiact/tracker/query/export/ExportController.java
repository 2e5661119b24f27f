package eu.aiact.tracker.query.export;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;

import eu.aiact.tracker.web.csv.CsvWriter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.query.obligation.ObligationFilter;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.obligation.ObligationRow;
import eu.aiact.tracker.query.portfolio.PortfolioRepository;
import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.constraints.Size;

/** The Algoritmeregister export (CSV or JSON) and each organisation's deadline calendar (iCalendar). */
@RestController
@RequestMapping("/api")
public class ExportController {

    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);
    private static final List<ObligationStatus> OPEN = List.of(ObligationStatus.NOT_YET_DUE, ObligationStatus.DUE_SOON,
            ObligationStatus.OVERDUE);

    private final AlgoritmeregisterExport algoritmeregister;
    private final DeadlineCalendar calendar;
    private final ObligationRepository obligations;
    private final PortfolioRepository portfolios;
    private final OrganisationScope scope;

    public ExportController(AlgoritmeregisterExport algoritmeregister, DeadlineCalendar calendar, ObligationRepository obligations,
            PortfolioRepository portfolios, OrganisationScope scope) {
        this.scope = scope;
        this.algoritmeregister = algoritmeregister;
        this.calendar = calendar;
        this.obligations = obligations;
        this.portfolios = portfolios;
    }

    /**
     * {@code format=json}: {@code {"organisation", "exported": [...], "refused": [{systemId, name, missing, tooLong}]}}.
     * {@code format=csv}: the exported entries, one per line after a header line; the number of refused systems in the header
     * {@code X-Refused-Count}; {@code part=refused} gives the refused systems instead (systemId, name, missing, tooLong; lists joined by
     * "; ").
     */
    @GetMapping("/exports/algoritmeregister")
    public ResponseEntity<?> algoritmeregister(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(defaultValue = "json") String format, @RequestParam(defaultValue = "exported") String part) {
        if (!format.equals("json") && !format.equals("csv")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "format: must be csv or json, not '" + format + "'");
        }
        if (!part.equals("exported") && !part.equals("refused")) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "part: must be exported or refused, not '" + part + "'");
        }
        AlgoritmeregisterExport.Result result = algoritmeregister.export(scope.filter(organisation, Capability.READ));
        if (format.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(result);
        }
        StringBuilder csv = new StringBuilder();
        CsvWriter writer = new CsvWriter(csv);
        if (part.equals("exported")) {
            writer.row(AlgoritmeregisterExport.COLUMNS);
            result.exported().forEach(entry -> writer.row(entry.values()));
        } else {
            writer.row(List.of("systemId", "name", "missing", "tooLong"));
            result.refused().forEach(r -> writer.row(List.of(r.systemId(), r.name() == null ? "" : r.name(),
                    String.join("; ", r.missing()), String.join("; ", r.tooLong()))));
        }
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header("X-Refused-Count", String.valueOf(result.refused().size()))
                .header("X-Exported-Count", String.valueOf(result.exported().size()))
                .header("Content-Disposition", "attachment; filename=\"algoritmeregister-" + part + ".csv\"")
                .body(csv.toString());
    }

    /** The organisation's open deadlines (not yet due, due soon, overdue) as an iCalendar feed. */
    @GetMapping("/organisations/{organisation}/deadlines.ics")
    public ResponseEntity<String> deadlines(@PathVariable @Size(max = 200) String organisation) {
        Caller.current().require(Capability.VIEW, organisation);
        return calendarOf(organisation);
    }

    /** The calendar of the organisation's open deadlines (the caller's access checked before: here, or by a feed link). */
    public ResponseEntity<String> calendarOf(String organisation) {
        if (!portfolios.organisations().containsKey(organisation)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "organisation: no AI system of organisation '" + organisation + "'");
        }
        List<ObligationRow> open = new ArrayList<>();
        for (ObligationStatus status : OPEN) {
            open.addAll(obligations.list(new ObligationFilter(organisation, null, status, null), 100000, 0));
        }
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).body(calendar.calendar(organisation, open));
    }
}
