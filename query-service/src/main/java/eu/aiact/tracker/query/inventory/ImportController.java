package eu.aiact.tracker.query.inventory;

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
import eu.aiact.tracker.web.security.AccessRefusedException;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;

/**
 * Bulk import of an existing inventory (CSV, or the first sheet of an XLSX workbook). {@code dryRun=true}: every row's problems,
 * nothing sent. Otherwise: a file with any problem is refused whole (400, the same problems), a valid one becomes commands to the command
 * service.
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
            @RequestHeader(name = "X-Actor", required = false) String actorHeader) throws InterruptedException {
        return importParsed(parser.parse(csv), dryRun, actorHeader);
    }

    /** The same import from the first sheet of an XLSX workbook (the CSV's columns in its first row). */
    @PostMapping(consumes = XLSX)
    public ResponseEntity<?> importWorkbook(@RequestBody(required = false) byte[] workbook,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = "X-Actor", required = false) String actorHeader) throws InterruptedException {
        return importParsed(parser.parseXlsx(workbook), dryRun, actorHeader);
    }

    private ResponseEntity<?> importParsed(InventoryParser.Result parsed, boolean dryRun, String actorHeader) throws InterruptedException {
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
        // with security on, the importing user is the token's subject and the command service hears it through the forwarded token
        String actor = caller.open() ? actorHeader : caller.name().orElse(null);
        if (actor == null || actor.isBlank() || actor.length() > 200) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "X-Actor: the header naming who imports (1 to 200 characters) is required");
            problem.setProperty("errors", java.util.List.of(Map.of("field", "X-Actor", "message", "required")));
            return ResponseEntity.badRequest().body(problem);
        }
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
        Map<String, String> identity = caller.token().map(token -> Map.of("Authorization", "Bearer " + token))
                .orElseGet(() -> Map.of("X-Actor", actor.strip()));
        InventoryImporter.Outcome outcome = importer.importRows(parsed.rows(), identity);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("dryRun", false);
        report.put("rows", parsed.dataRows());
        report.put("commands", outcome.imported().stream().mapToInt(InventoryImporter.Imported::commands).sum());
        report.put("replayed", outcome.imported().stream().mapToInt(InventoryImporter.Imported::replayed).sum());
        report.put("systems", outcome.imported());
        if (outcome.failed().isEmpty()) {
            return ResponseEntity.ok(report);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, outcome.failed().size() + " of "
                + parsed.rows().size() + " rows were not (fully) recorded by the command service; importing the same file again is safe");
        problem.setTitle("Import incomplete");
        problem.setProperty("failed", outcome.failed());
        problem.setProperty("imported", report);
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(problem);
    }
}
