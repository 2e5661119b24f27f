package eu.aiact.tracker.query.inventory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import eu.aiact.tracker.query.rulebook.RulebookApplierProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the commands of an inventory's rows to the command service (the same URL the rulebook applier uses), the rows in parallel and
 * each row's commands in order, every command under its own idempotency key, with the importing user's bearer token (or {@code X-Actor} when security is off).
 */
@Component
public class InventoryImporter {

    private static final int PARALLEL_ROWS = 4;

    private final RestClient http;
    private final JsonMapper json;

    public InventoryImporter(RulebookApplierProperties properties, JsonMapper json) {
        this.json = json;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder().baseUrl(properties.commandServiceUrl().toString()).requestFactory(requests).build();
    }

    /** One imported row: the system's id, how many commands were sent, how many of them the command service had seen already. */
    public record Imported(int row, String organisation, String name, String systemId, int commands, int replayed) {
    }

    /** A row the command service refused (or could not be reached for): the step, the status (0: unreachable) and what it said. */
    public record Failed(int row, String organisation, String name, String step, int status, String detail) {
    }

    public record Outcome(List<Imported> imported, List<Failed> failed) {
    }

    /** Imports the rows, sending every command with the importing caller's identity headers (its bearer token, or X-Actor without security). */
    public Outcome importRows(List<InventoryRow> rows, Map<String, String> identity) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL_ROWS);
        try {
            List<Future<Object>> results = new ArrayList<>();
            for (InventoryRow row : rows) {
                results.add(pool.submit(() -> importRow(row, identity)));
            }
            List<Imported> imported = new ArrayList<>();
            List<Failed> failed = new ArrayList<>();
            for (Future<Object> result : results) {
                Object outcome;
                try {
                    outcome = result.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());
                }
                if (outcome instanceof Imported done) {
                    imported.add(done);
                } else {
                    failed.add((Failed) outcome);
                }
            }
            return new Outcome(imported, failed);
        } finally {
            pool.shutdownNow();
        }
    }

    private Object importRow(InventoryRow row, Map<String, String> identity) {
        String systemId = null;
        int replayed = 0;
        for (PlannedCommand command : row.commands()) {
            String uri = systemId == null ? "/api/systems" : "/api/systems/" + systemId + command.path();
            try {
                ResponseEntity<String> answer = http.post().uri(uri).contentType(MediaType.APPLICATION_JSON)
                        .headers(headers -> identity.forEach(headers::set))
                        .header("Idempotency-Key", row.idempotencyKey(command))
                        .body(command.body()).retrieve().toEntity(String.class);
                // the command service says on every answer whether it replayed an earlier one ("true") or not ("false")
                if ("true".equals(answer.getHeaders().getFirst("Idempotent-Replayed"))) {
                    replayed++;
                }
                if (systemId == null) {
                    JsonNode body = json.readTree(answer.getBody());
                    systemId = body.get("id").asString();
                }
            } catch (RestClientResponseException refused) {
                return new Failed(row.row(), row.organisation(), row.name(), command.step(), refused.getStatusCode().value(),
                        refused.getResponseBodyAsString());
            } catch (RestClientException unreachable) {
                return new Failed(row.row(), row.organisation(), row.name(), command.step(), 0, String.valueOf(unreachable.getMessage()));
            }
        }
        return new Imported(row.row(), row.organisation(), row.name(), systemId, row.commands().size(), replayed);
    }

}
