package eu.aiact.tracker.command.inventory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
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

    private static final MediaType TEXT_CSV = MediaType.parseMediaType("text/csv");

    private final InventoryParser parser;
    private final InventoryImporter importer;
    private final ImportLimits limits;

    public ImportController(InventoryParser parser, InventoryImporter importer, ImportLimits limits) {
        this.parser = parser;
        this.importer = importer;
        this.limits = limits;
    }

    /** The MIME type of an XLSX workbook. */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private static final String ACCEPTED = "text/csv (UTF-8, or the charset the Content-Type names) or " + XLSX;

    /**
     * The inventory as CSV ({@code text/csv} or {@code text/plain}; UTF-8 unless the Content-Type names a charset) or as the first sheet
     * of an XLSX workbook. An empty body is a 400, a missing or other content type a 415; bytes that are not text in the charset are a
     * problem in row 1 naming the byte offset. Each caller may run a few imports at once and import so many rows an hour
     * ({@link ImportLimits}): beyond, 429 with Retry-After.
     */
    @PostMapping
    public ResponseEntity<?> importInventory(@RequestBody(required = false) byte[] body,
            @RequestHeader(name = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestHeader(name = "X-Actor", required = false) String actorHeader,
            @RequestHeader(name = RequestOrigin.CORRELATION_HEADER, required = false) String correlationId) throws Exception {
        MediaType type;
        try {
            type = contentType == null || contentType.isBlank() ? null : MediaType.parseMediaType(contentType);
        } catch (InvalidMediaTypeException e) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "Content-Type '" + contentType + "' is not a media type; send "
                    + ACCEPTED);
        }
        if (type == null) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "The request has no Content-Type; send " + ACCEPTED);
        }
        boolean csv = type.isCompatibleWith(TEXT_CSV) || type.isCompatibleWith(MediaType.TEXT_PLAIN);
        boolean workbook = type.isCompatibleWith(MediaType.parseMediaType(XLSX));
        if (!csv && !workbook) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "Content-Type " + type + " is not an inventory; send "
                    + ACCEPTED);
        }
        if (body == null || body.length == 0) {
            return problem(HttpStatus.BAD_REQUEST, "body", "The request body is empty: send the inventory as " + ACCEPTED
                    + ", a header line first (POST with ?dryRun=true to check a file)");
        }
        Charset charset = StandardCharsets.UTF_8;
        if (csv && type.getParameter("charset") != null) {
            try {
                charset = type.getCharset();
            } catch (IllegalArgumentException unknown) {
                return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type", "The charset " + type.getParameter("charset")
                        + " is not known; send the CSV in UTF-8, or name a charset such as windows-1252 or ISO-8859-1");
            }
        }
        String caller = callerOf(actorHeader);
        try (AutoCloseable permit = limits.start(caller)) {
            InventoryParser.Result parsed = csv ? parser.parse(body, charset) : parser.parseXlsx(body);
            limits.charge(caller, parsed.dataRows());
            return importParsed(parsed, dryRun, actorHeader, correlationId);
        } catch (ImportLimits.Exceeded exceeded) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, exceeded.getMessage());
            problem.setTitle("Too many imports");
            problem.setProperty("errors", List.of(Map.of("field", "body", "message", exceeded.getMessage(), "limit", exceeded.limit())));
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER,
                    String.valueOf(exceeded.retryAfterSeconds())).body(problem);
        }
    }

    private static String callerOf(String actorHeader) {
        Caller caller = Caller.current();
        if (!caller.open()) {
            return caller.name().orElse("?");
        }
        return actorHeader == null || actorHeader.isBlank() ? "(anonymous)" : actorHeader.strip();
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
        return ResponseEntity.status(status).body(problem);
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
