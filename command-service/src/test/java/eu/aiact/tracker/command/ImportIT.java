package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inventory import of the command service over HTTP, against its real event store: a dry run reports every problem of every row
 * (with the same rules the commands are decided by) and stores nothing; a file with a problem is refused whole; a valid file is recorded
 * with the importing user as actor, and importing it again stores nothing; a dry run that says valid means the import succeeds, for
 * every file here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportIT {

    private static final Path SAMPLE = Path.of("../local-stack/src/main/resources/demo/inventory-sample.csv");
    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private JsonMapper json;
    @Autowired
    private JdbcTemplate jdbc;
    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("command_import_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-import-events");
        registry.add("tracker.imports.max-rows-per-hour", () -> "1000");
    }

    @Test
    void aDryRunReportsEveryRowsProblemsAndStoresNothing() throws Exception {
        long before = events();
        HttpResponse<String> ok = post("/api/imports?dryRun=true", Files.readString(SAMPLE), null);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(ok.body());
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("rows").asInt()).isEqualTo(20);
        assertThat(report.get("commands").asInt()).isGreaterThan(40);

        String bad = "organisation,name,phase,risk_class\nPolitie,,IN_USE,HIGH\nPolitie,B,LATER,\nPolitie,C,IN_USE,HIGH\n";
        JsonNode problems = json.readTree(post("/api/imports?dryRun=true", bad, "tester").body());
        assertThat(problems.get("valid").asBoolean()).isFalse();
        assertThat(problems.get("problems").valueStream().map(p -> p.get("row").asInt() + " " + p.get("column").asString()))
                .containsExactlyInAnyOrder("2 name", "3 phase", "4 risk_basis");
        assertThat(events()).isEqualTo(before);
    }

    /** What the import's own copy of the rules used to let through, and the commands then refused row by row. */
    @Test
    void theDryRunRefusesWhatTheCommandsWouldRefuse() throws Exception {
        String file = """
                organisation,name,phase,experiment_started_on,in_service_since,ended_on,end_reason,risk_class,risk_basis
                Politie,Chatbot,IN_USE,,2024-01-01,,,LIMITED,ART50_TYPE:50(9)
                Politie,Vrijstelling,IN_USE,,2024-01-01,,,HIGH,ANNEX_III_AREA:III.5(a)|ART6_3_EXEMPTION:6(3)(a)
                Politie,Verboden,IN_USE,,2024-01-01,,,HIGH,ART5_PRACTICE:5(1)(c)
                Politie,Anders,ENDED,2024-01-01,,2024-06-01,OTHER,,
                """;
        JsonNode report = json.readTree(post("/api/imports?dryRun=true", file, "tester").body());
        assertThat(report.get("problems").valueStream().map(p -> p.get("row").asInt() + " " + p.get("column").asString()))
                .containsExactlyInAnyOrder("2 risk_basis", "3 risk_basis", "4 risk_basis", "5 end_explanation");
        HttpResponse<String> refused = post("/api/imports", file, "tester");
        assertThat(refused.statusCode()).isEqualTo(400);
    }

    @Test
    void anInvalidFileIsRefusedWhole_andAnImportNeedsAnActor() throws Exception {
        long before = events();
        HttpResponse<String> refused = post("/api/imports", "organisation,name,phase\nPolitie,A,IN_USE\nPolitie,B,SOON\n", "tester");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
        JsonNode problem = json.readTree(refused.body());
        assertThat(problem.get("detail").asString()).contains("nothing was imported");
        assertThat(problem.get("errors").get(0).get("row").asInt()).isEqualTo(3);
        assertThat(problem.get("errors").get(0).get("column").asString()).isEqualTo("phase");
        assertThat(problem.get("errors").get(0).get("value").asString()).isEqualTo("SOON");

        HttpResponse<String> noActor = post("/api/imports", "organisation,name,phase\nPolitie,A,IN_USE\n", null);
        assertThat(noActor.statusCode()).isEqualTo(400);
        assertThat(json.readTree(noActor.body()).get("detail").asString()).contains("X-Actor");
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aValidFileIsRecorded_importedAgainChangesNothing_andAChangedRowIsRefusedAlone() throws Exception {
        String file = """
                organisation,name,phase,experiment_started_on,in_service_since,risk_class,risk_basis,dpia,eu_database_id
                Import IT,Eerste,IN_USE,,2023-03-01,HIGH,ANNEX_III_AREA:III.5(a),DONE,EU-9
                Import IT,Tweede,EXPERIMENT,2024-02-01,,MINIMAL,,PLANNED,
                """;
        JsonNode dryRun = json.readTree(post("/api/imports?dryRun=true", file, "importer").body());
        assertThat(dryRun.get("valid").asBoolean()).isTrue();
        HttpResponse<String> first = post("/api/imports", file, "importer");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        JsonNode report = json.readTree(first.body());
        assertThat(report.get("commands").asInt()).isEqualTo(dryRun.get("commands").asInt()).isEqualTo(7);
        assertThat(report.get("replayed").asInt()).isZero();
        String systemId = report.get("systems").get(0).get("systemId").asString();
        assertThat(jdbc.queryForList("SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE aggregateidentifier = ?",
                String.class, systemId)).hasSize(4).allSatisfy(metadata -> assertThat(metadata).contains("\"actor\":\"importer\"")
                .contains("Inventory import"));

        long afterFirst = events();
        JsonNode again = json.readTree(post("/api/imports", file, "importer").body());
        assertThat(again.get("replayed").asInt()).isEqualTo(7);
        assertThat(again.get("systems").get(0).get("systemId").asString()).isEqualTo(systemId);
        assertThat(events()).isEqualTo(afterFirst);

        HttpResponse<String> changed = post("/api/imports", file.replace("Tweede,EXPERIMENT,2024-02-01,,MINIMAL",
                "Tweede,EXPERIMENT,2024-02-02,,MINIMAL"), "importer");
        assertThat(changed.statusCode()).isEqualTo(409);
        JsonNode incomplete = json.readTree(changed.body());
        assertThat(incomplete.get("failed").valueStream().map(f -> f.get("row").asInt() + " " + f.get("step").asString() + " "
                + f.get("status").asInt())).containsExactly("3 register 422");
        assertThat(incomplete.get("imported").get("replayed").asInt()).isEqualTo(4);
        assertThat(events()).isEqualTo(afterFirst);
    }

    @Test
    void aWorkbookIsReadLikeTheCsv_withRealDatesAndSheetRowNumbers() throws Exception {
        List<List<String>> sample = Files.readAllLines(SAMPLE).stream()
                .map(line -> Arrays.stream(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)) // commas outside quotes
                        .map(field -> field.startsWith("\"") ? field.substring(1, field.length() - 1) : field).toList())
                .toList();
        byte[] workbook = workbook(sample);
        JsonNode fromCsv = json.readTree(post("/api/imports?dryRun=true", String.join("\n", Files.readAllLines(SAMPLE)), null).body());
        JsonNode fromXlsx = json.readTree(postXlsx("/api/imports?dryRun=true", workbook).body());
        assertThat(fromXlsx.get("valid").asBoolean()).as(fromXlsx.toString()).isTrue();
        assertThat(fromXlsx.get("rows").asInt()).isEqualTo(20);
        assertThat(fromXlsx.get("commands").asInt()).isEqualTo(fromCsv.get("commands").asInt());

        byte[] bad = workbook(List.of(List.of("organisation", "name", "phase", "in_service_since"), List.of("Politie", "A", "IN_USE", "2031-01-01"),
                List.of(), List.of("Politie", "", "EXPERIMENT", "")));
        JsonNode problems = json.readTree(postXlsx("/api/imports?dryRun=true", bad).body());
        assertThat(problems.get("valid").asBoolean()).isFalse();
        assertThat(problems.get("problems").valueStream().map(p -> p.get("row").asInt() + " " + p.get("column").asString()))
                .as("rows numbered as the sheet shows them, the empty row 3 skipped").containsExactlyInAnyOrder("2 in_service_since", "4 name");

        HttpResponse<String> notAWorkbook = postXlsx("/api/imports?dryRun=true", "organisation,name\n".getBytes());
        assertThat(json.readTree(notAWorkbook.body()).get("problems").get(0).get("message").asString()).contains("not a readable XLSX");
    }

    /** The dry run and the import agree on every file of this test: valid and imported, or invalid and refused with the same problems. */
    @Test
    void theDryRunAndTheImportAgreeOnTheSample() throws Exception {
        String sample = Files.readString(SAMPLE);
        JsonNode dryRun = json.readTree(post("/api/imports?dryRun=true", sample, "importer").body());
        HttpResponse<String> imported = post("/api/imports", sample, "importer");
        assertThat(dryRun.get("valid").asBoolean()).isTrue();
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(json.readTree(imported.body()).get("commands").asInt()).isEqualTo(dryRun.get("commands").asInt());
    }

    private long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domainevententry", Long.class);
    }

    /** A workbook whose first sheet holds the rows; cells that are ISO dates become date cells, as a spreadsheet keeps them. */
    private static byte[] workbook(List<List<String>> rows) throws Exception {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet("Inventaris");
            CellStyle dates = book.createCellStyle();
            dates.setDataFormat(book.getCreationHelper().createDataFormat().getFormat("dd-mm-yyyy"));
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    String value = rows.get(r).get(c);
                    Cell cell = row.createCell(c);
                    if (r > 0 && value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                        cell.setCellValue(LocalDate.parse(value));
                        cell.setCellStyle(dates);
                    } else {
                        cell.setCellValue(value);
                    }
                }
            }
            book.write(out);
            return out.toByteArray();
        }
    }

    /** Issue 15: what the import used to accept silently, or answer with a 500. */
    @Test
    void invalidUtf8AnEmptyBodyAndAMissingOrUnknownContentTypeAreProblemsThatSaySo() throws Exception {
        long before = events();
        byte[] latin1 = "organisation,name,phase\nPolitie,Caf\u00e9,IN_USE\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonNode invalid = json.readTree(send("/api/imports?dryRun=true", "text/csv", latin1).body());
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        JsonNode problem = invalid.get("problems").get(0);
        assertThat(problem.get("row").asInt()).isEqualTo(1);
        assertThat(problem.get("message").asString()).contains("not valid UTF-8").contains("byte 0xE9 at byte offset 35 (line 2)");
        JsonNode named = json.readTree(send("/api/imports?dryRun=true", "text/csv; charset=ISO-8859-1", latin1).body());
        assertThat(named.get("valid").asBoolean()).as(named.toString()).isTrue();

        JsonNode nul = json.readTree(post("/api/imports?dryRun=true", "organisation,name,phase\nPolitie,Caf\u0000,IN_USE\n", "tester").body());
        assertThat(nul.get("valid").asBoolean()).isFalse();
        assertThat(nul.get("problems").get(0).get("column").asString()).isEqualTo("name");
        assertThat(nul.get("problems").get(0).get("message").asString()).contains("U+0000");

        HttpResponse<String> empty = send("/api/imports?dryRun=true", "text/csv", new byte[0]);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(json.readTree(empty.body()).get("detail").asString()).contains("body is empty").contains("text/csv");
        assertThat(json.readTree(empty.body()).get("errors").get(0).get("field").asString()).isEqualTo("body");
        HttpResponse<String> none = send("/api/imports", null, "organisation,name,phase\n".getBytes());
        assertThat(none.statusCode()).isEqualTo(415);
        assertThat(json.readTree(none.body()).get("detail").asString()).contains("no Content-Type").contains("text/csv").contains("sheet");
        assertThat(send("/api/imports", "application/json", "{}".getBytes()).statusCode()).isEqualTo(415);
        assertThat(send("/api/imports", "text/csv; charset=klingon", "a".getBytes()).statusCode()).isEqualTo(415);
        assertThat(events()).isEqualTo(before);
    }

    @Test
    void aCallerWhoCheckedTooManyRowsThisHourIsAskedToWait() throws Exception {
        StringBuilder file = new StringBuilder("organisation,name,phase\n");
        for (int i = 0; i < 1001; i++) {
            file.append("Politie,Systeem ").append(i).append(",IN_USE\n");
        }
        assertThat(post("/api/imports?dryRun=true", file.toString(), "hasty").statusCode()).isEqualTo(200);
        HttpResponse<String> again = post("/api/imports?dryRun=true", "organisation,name,phase\nPolitie,A,IN_USE\n", "hasty");
        assertThat(again.statusCode()).isEqualTo(429);
        assertThat(again.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(1L, 3601L);
        assertThat(json.readTree(again.body()).get("detail").asString()).contains("1001 rows in the last hour").contains("at most 1000");
        assertThat(post("/api/imports?dryRun=true", "organisation,name,phase\nPolitie,A,IN_USE\n", "patient").statusCode())
                .as("another caller").isEqualTo(200);
    }

    private HttpResponse<String> send(String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-Actor", "tester")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> postXlsx(String path, byte[] workbook) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("X-Actor", "importer")
                .POST(HttpRequest.BodyPublishers.ofByteArray(workbook)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String csv, String actor) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString(csv));
        if (actor != null) {
            request.header("X-Actor", actor);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
