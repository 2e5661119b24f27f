package eu.aiact.tracker.query.inventory;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk import of an existing inventory (CSV). {@code dryRun=true}: every row's problems, nothing sent. Otherwise: a file with any problem
 * is refused whole (400, the same problems), a valid one becomes commands to the command service.
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

    @PostMapping(consumes = {"text/csv", "text/plain"})
    public ResponseEntity<?> importInventory(@RequestBody(required = false) String csv,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = "X-Actor", required = false) String actor) throws InterruptedException {
        InventoryParser.Result parsed = parser.parse(csv);
        if (dryRun) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dryRun", true);
            report.put("rows", parsed.dataRows());
            report.put("valid", parsed.valid());
            report.put("commands", parsed.commands());
            report.put("problems", parsed.problems());
            return ResponseEntity.ok(report);
        }
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
        InventoryImporter.Outcome outcome = importer.importRows(parsed.rows(), actor.strip());
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
