package eu.aiact.tracker.query.rest;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import eu.aiact.tracker.query.audit.AsOfViews;
import eu.aiact.tracker.query.audit.AuditEvent;
import eu.aiact.tracker.query.audit.AuditExport;
import eu.aiact.tracker.query.audit.AuditHistory;
import eu.aiact.tracker.query.audit.HistoryFilter;
import eu.aiact.tracker.query.audit.OrganisationAsOf;
import eu.aiact.tracker.api.envelope.EventTypes;
import eu.aiact.tracker.query.audit.SystemAsOf;
import eu.aiact.tracker.query.access.OrganisationScope;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What auditors read: the history of every system, of an organisation or of all, paged or exported; and a system or a whole portfolio
 * on any date, as it was known at any moment.
 */
@RestController
@RequestMapping("/api")
public class AuditQueryController {

    private final AuditHistory history;
    private final AuditExport export;
    private final AsOfViews asOf;
    private final OrganisationScope scope;

    public AuditQueryController(AuditHistory history, AuditExport export, AsOfViews asOf, OrganisationScope scope) {
        this.scope = scope;
        this.history = history;
        this.export = export;
        this.asOf = asOf;
    }

    @GetMapping("/history")
    public List<AuditEvent> history(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(required = false) @Size(max = 100) String systemId,
            @RequestParam(required = false) @Size(max = 100) String type,
            @RequestParam(required = false) @Size(max = 40) String recordedFrom,
            @RequestParam(required = false) @Size(max = 40) String recordedTo,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveTo,
            @RequestParam(defaultValue = "1000") @Min(1) @Max(10000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return history.page(filter(scope.filter(organisation, Capability.AUDIT), systemId, type, recordedFrom, recordedTo, effectiveFrom, effectiveTo), limit, offset);
    }

    /** The same events as {@code /api/history}, all of them, streamed as JSON Lines ({@code format=jsonl}) or CSV. */
    @GetMapping("/history/export")
    public ResponseEntity<StreamingResponseBody> export(@RequestParam(defaultValue = "jsonl") @Pattern(regexp = "jsonl|csv") String format,
            @RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(required = false) @Size(max = 100) String systemId,
            @RequestParam(required = false) @Size(max = 100) String type,
            @RequestParam(required = false) @Size(max = 40) String recordedFrom,
            @RequestParam(required = false) @Size(max = 40) String recordedTo,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveFrom,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate effectiveTo) {
        HistoryFilter filter = filter(scope.filter(organisation, Capability.AUDIT), systemId, type, recordedFrom, recordedTo, effectiveFrom, effectiveTo);
        boolean csv = format.equals("csv");
        StreamingResponseBody body = out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                export.write(filter, csv, writer);
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(csv ? MediaType.parseMediaType("text/csv;charset=UTF-8") : MediaType.parseMediaType("application/x-ndjson"))
                .header("Content-Disposition", "attachment; filename=\"history." + format + "\"")
                .body(body);
    }

    /**
     * The system on {@code date} (effective date axis) as recorded before {@code knownAt} (recorded time axis: an instant, or a date
     * meaning the end of that day; default the end of {@code date}), with its obligations on that date under the rulebooks then in force.
     */
    @GetMapping("/systems/{id}/as-of")
    public SystemAsOf systemAsOf(@PathVariable @Size(max = 100) String id,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @Size(max = 40) String knownAt) {
        scope.requireSystem(id, Capability.AUDIT);
        Instant known = knownAt == null ? asOf.endOf(date) : instant("knownAt", knownAt, true);
        try {
            return asOf.system(id, date, known).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                    "AI system " + id + " was not recorded before " + known + " as existing on " + date));
        } catch (IllegalArgumentException noRulebook) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date: " + noRulebook.getMessage());
        }
    }

    /** The organisation's whole portfolio on {@code date} as recorded before {@code knownAt} (as for one system). */
    @GetMapping("/organisations/{organisation}/as-of")
    public OrganisationAsOf organisationAsOf(@PathVariable @Size(max = 200) String organisation,
            @RequestParam @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate date,
            @RequestParam(required = false) @Size(max = 40) String knownAt) {
        Caller.current().require(Capability.AUDIT, organisation);
        scope.requireKnown(organisation, Caller.current().scope(Capability.AUDIT).isEmpty());
        Instant known = knownAt == null ? asOf.endOf(date) : instant("knownAt", knownAt, true);
        try {
            return asOf.organisation(organisation, date, known);
        } catch (IllegalArgumentException noRulebook) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "date: " + noRulebook.getMessage());
        }
    }

    private HistoryFilter filter(String organisation, String systemId, String type, String recordedFrom, String recordedTo,
            LocalDate effectiveFrom, LocalDate effectiveTo) {
        type = type == null || type.isBlank() ? null : type.strip();
        if (type != null && !EventTypes.isSystemEvent(type)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "type: '" + type + "' is not a type of an AI system's events; one of "
                    + EventTypes.names().stream().filter(EventTypes::isSystemEvent).toList());
        }
        return new HistoryFilter(organisation, systemId, type, recordedFrom == null ? null : instant("recordedFrom", recordedFrom, false),
                recordedTo == null ? null : instant("recordedTo", recordedTo, false), effectiveFrom, effectiveTo);
    }

    /** An ISO instant, or an ISO date: its start, or (for "known at" a date) its end. */
    private Instant instant(String name, String value, boolean dateMeansEndOfDay) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate date = LocalDate.parse(value);
                return dateMeansEndOfDay ? asOf.endOf(date) : asOf.endOf(date.minusDays(1));
            } catch (DateTimeParseException notADate) {
                throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                        name + ": '" + value + "' is neither an ISO instant (2025-03-01T12:00:00Z) nor an ISO date (2025-03-01)");
            }
        }
    }
}
