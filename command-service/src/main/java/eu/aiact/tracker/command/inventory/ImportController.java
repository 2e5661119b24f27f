package eu.aiact.tracker.command.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import eu.aiact.tracker.command.rest.RequestOrigin;
import eu.aiact.tracker.web.security.AccessRefusedException;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;

/**
 * Bulk import of an existing inventory (CSV, or the first sheet of an XLSX workbook). {@code dryRun=true}: every row's problems,
 * nothing recorded. Otherwise: a file with any problem is refused whole (400, the same problems), a valid one becomes the commands it
 * describes, decided by the same rules as the REST commands (the dry run checks every row with them too).
 */
@RestController
@RequestMapping("/api/imports")
public class ImportController {

    private final InventoryParser parser;
    private final InventoryImporter importer;

    public ImportController(InventoryParser parser, InventoryImporter importer) {
        this.parser = parser;
        this.importer = importer;
    }

    /** The MIME type of an XLSX workbook. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @PostMapping(consumes = {"text/csv", "text/plain"})
    public ResponseEntity<?> importInventory(@RequestBody(required = false) String csv,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = "X-Actor", required = false) String actorHeader,
            @RequestHeader(name = RequestOrigin.CORRELATION_HEADER, required = false) String correlationId) throws InterruptedException {
        return importParsed(parser.parse(csv), dryRun, actorHeader, correlationId);
    }

    /** The same import from the first sheet of an XLSX workbook (the CSV's columns in its first row). */
    @PostMapping(consumes = XLSX)
    public ResponseEntity<?> importWorkbook(@RequestBody(required = false) byte[] workbook,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = "X-Actor", required = false) String actorHeader,
            @RequestHeader(name = RequestOrigin.CORRELATION_HEADER, required = false) String correlationId) throws InterruptedException {
        return importParsed(parser.parseXlsx(workbook), dryRun, actorHeader, correlationId);
    }

    private ResponseEntity<?> importParsed(InventoryParser.Result parsed, boolean dryRun, String actorHeader, String correlationId)
            throws InterruptedException {
        Caller caller = Caller.current();
        List<ImportProblem> notAllowed = parsed.rows().stream().filter(row -> !caller.may(Capability.WRITE, row.organisation()))
                .map(row -> new ImportProblem(row.row(), "organisation", row.organisation(),
                        "your roles do not allow registering systems for this organisation"))
                .toList();
        if (dryRun) {
            List<ImportProblem> problems = new ArrayList<>(parsed.problems());
            problems.addAll(notAllowed);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dryRun", true);
            report.put("rows", parsed.dataRows());
            report.put("valid", problems.isEmpty());
            report.put("commands", parsed.commands());
            report.put("problems", problems);
            return ResponseEntity.ok(report);
        }
        // with security on, the importing user is the token's subject; without, the X-Actor header names it
        RequestOrigin origin = RequestOrigin.of(caller, actorHeader, correlationId, null);
        if (!parsed.valid()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, parsed.problems().size()
                    + " problem(s) in the inventory; nothing was imported (POST with ?dryRun=true to check a file)");
            problem.setTitle("Invalid inventory");
            problem.setProperty("errors", parsed.problems());
            return ResponseEntity.badRequest().body(problem);
        }
        if (!notAllowed.isEmpty()) {
            throw new AccessRefusedException(notAllowed.size() + " row(s) are of organisations your roles do not allow registering systems for "
                    + "(rows " + notAllowed.stream().map(problem -> String.valueOf(problem.row())).collect(Collectors.joining(", "))
                    + "); nothing was imported (POST with ?dryRun=true to see them)");
        }
        InventoryImporter.Outcome outcome = importer.importRows(parsed.rows(), origin);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dryRun", false);
        report.put("rows", parsed.dataRows());
        report.put("commands", outcome.imported().stream().mapToInt(InventoryImporter.Imported::commands).sum());
        report.put("replayed", outcome.imported().stream().mapToInt(InventoryImporter.Imported::replayed).sum());
        report.put("systems", outcome.imported());
        if (outcome.failed().isEmpty()) {
            return ResponseEntity.ok(report);
        }
        // refused rows: their systems changed since the file was checked (409), or the database went away (503)
        HttpStatus status = outcome.failed().stream().anyMatch(f -> f.status() >= 500) ? HttpStatus.SERVICE_UNAVAILABLE
                : HttpStatus.CONFLICT;
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, outcome.failed().size() + " of " + parsed.rows().size()
                + " rows were not (fully) recorded; the rows done are kept, and importing the same file again after fixing the cause is "
                + "safe (rows done are replayed)");
        problem.setTitle("Import incomplete");
        problem.setProperty("failed", outcome.failed());
        problem.setProperty("imported", report);
        return ResponseEntity.status(status).body(problem);
    }
}
