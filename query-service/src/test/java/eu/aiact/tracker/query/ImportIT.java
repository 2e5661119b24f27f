package eu.aiact.tracker.query;

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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The import endpoint over HTTP, without a command service (its URL points at a closed port): a dry run reports every problem and sends
 * nothing, a bad file or a missing actor is refused with problem details, and a command service that cannot be reached is reported
 * per row. The import through a real command service is tested end to end in LocalStackIT.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImportIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @Autowired
    private JsonMapper json;
    @Value("${local.server.port}")
    private int port;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("import_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> "it-import-events");
        registry.add("tracker.rulebooks.applier.enabled", () -> "false");
        registry.add("tracker.obligations-topic", () -> "it-import-feed");
        registry.add("tracker.rulebooks.applier.command-service-url", () -> "http://127.0.0.1:" + FreePorts.next());
    }

    @Test
    void aDryRunReportsEveryRowsProblemsAndSendsNothing() throws Exception {
        String sample = Files.readString(Path.of("../local-stack/src/main/resources/demo/inventory-sample.csv"));
        HttpResponse<String> ok = post("/api/imports?dryRun=true", sample, null);
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode report = json.readTree(ok.body());
        assertThat(report.get("valid").asBoolean()).isTrue();
        assertThat(report.get("rows").asInt()).isEqualTo(20);
        assertThat(report.get("commands").asInt()).isGreaterThan(40);

        String bad = "organisation,name,phase,risk_class\nPolitie,,IN_USE,HIGH\nPolitie,B,LATER,\n";
        JsonNode problems = json.readTree(post("/api/imports?dryRun=true", bad, "tester").body());
        assertThat(problems.get("valid").asBoolean()).isFalse();
        assertThat(problems.get("problems").valueStream().map(p -> p.get("row").asInt() + " " + p.get("column").asString()))
                .containsExactlyInAnyOrder("2 name", "2 risk_basis", "3 phase");
    }

    @Test
    void anInvalidFileIsRefusedWhole_andAnImportNeedsAnActor() throws Exception {
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
    }

    @Test
    void anUnreachableCommandServiceIsReportedPerRow() throws Exception {
        HttpResponse<String> failed = post("/api/imports", "organisation,name,phase\nPolitie,A,IN_USE\nPolitie,B,PLANNED\n", "tester");
        assertThat(failed.statusCode()).isEqualTo(502);
        JsonNode problem = json.readTree(failed.body());
        assertThat(problem.get("failed").valueStream().map(f -> f.get("row").asInt() + " " + f.get("step").asString() + " "
                + f.get("status").asInt())).containsExactlyInAnyOrder("2 register 0", "3 register 0");
    }

    @Test
    void aWorkbookIsReadLikeTheCsv_withRealDatesAndSheetRowNumbers() throws Exception {
        List<List<String>> sample = Files.readAllLines(Path.of("../local-stack/src/main/resources/demo/inventory-sample.csv")).stream()
                .map(line -> Arrays.stream(line.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)", -1)) // commas outside quotes
                        .map(field -> field.startsWith("\"") ? field.substring(1, field.length() - 1) : field).toList())
                .toList();
        byte[] workbook = workbook(sample);
        JsonNode fromCsv = json.readTree(post("/api/imports?dryRun=true", String.join("\n",
                Files.readAllLines(Path.of("../local-stack/src/main/resources/demo/inventory-sample.csv"))), null).body());
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

    private HttpResponse<String> postXlsx(String path, byte[] workbook) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
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
