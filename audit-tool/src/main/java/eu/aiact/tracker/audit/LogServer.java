package eu.aiact.tracker.audit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import eu.aiact.tracker.api.audit.Checkpoint;
import tools.jackson.databind.JsonNode;

/** The command service's audit endpoints, as the tool reads them: the latest checkpoint and proofs. */
final class LogServer {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private final String token;

    LogServer(String base, String token) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.token = token;
    }

    /** A failure the server answered with (a status and its problem detail). */
    static final class Refused extends IOException {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    Checkpoint latestCheckpoint() throws IOException, InterruptedException {
        return Evidence.JSON.treeToValue(get("/api/audit/checkpoints/latest"), Checkpoint.class);
    }

    List<byte[]> consistencyProof(long from, long to) throws IOException, InterruptedException {
        return hashes(get("/api/audit/proofs/consistency?from=" + from + "&to=" + to).required("proof"));
    }

    JsonNode inclusionProof(String eventId, long treeSize) throws IOException, InterruptedException {
        return get("/api/audit/proofs/inclusion?eventId=" + URLEncoder.encode(eventId, StandardCharsets.UTF_8) + "&treeSize=" + treeSize);
    }

    static List<byte[]> hashes(JsonNode array) {
        HexFormat hex = HexFormat.of();
        return array.valueStream().map(node -> hex.parseHex(node.asString())).toList();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60)).GET();
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            String detail = response.body();
            try {
                JsonNode problem = Evidence.JSON.readTree(response.body());
                detail = problem.path("detail").asString(response.body());
                for (JsonNode error : problem.path("errors")) {
                    detail += "; " + error.path("field").asString("") + ": " + error.path("message").asString("");
                }
            } catch (RuntimeException notJson) {
                // the body as it is
            }
            throw new Refused(response.statusCode(), "GET " + path + " answered " + response.statusCode() + ": " + detail);
        }
        return Evidence.JSON.readTree(response.body());
    }
}
