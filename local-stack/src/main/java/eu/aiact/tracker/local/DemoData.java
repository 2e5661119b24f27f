package eu.aiact.tracker.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Registers a small demo inventory through the command service's public API, once per data folder (a marker file remembers it).
 * The systems are modelled on the kinds of system that the national court of audit found in central government (seed 000).
 */
final class DemoData {

    private static final String[][] SYSTEMS = {
            {"Ministerie van Infrastructuur en Waterstaat", "Dijkinspectie beeldherkenning", "Detects damage on dike photographs", "IN_USE"},
            {"Ministerie van Infrastructuur en Waterstaat", "Verkeersprognose", "Predicts traffic flows for road maintenance planning", "EXPERIMENT"},
            {"Belastingdienst", "Chatbot belastingvragen", "Generative assistant that answers citizens' tax questions", "EXPERIMENT"},
            {"Belastingdienst", "Documentclassificatie", "Sorts incoming letters by subject", "IN_USE"},
            {"Uitvoeringsinstituut Werknemersverzekeringen", "Spraakherkenning klantcontact", "Transcribes phone calls with clients", "IN_USE"},
            {"Uitvoeringsinstituut Werknemersverzekeringen", "Samenvatten dossiers", "Summarises case files for staff", "EXPERIMENT"},
    };

    private DemoData() {
    }

    static int loadOnce(String commandServiceUrl, Path dataDirectory) throws IOException, InterruptedException {
        Path marker = dataDirectory.resolve("demo-data-loaded");
        if (Files.exists(marker)) {
            return 0;
        }
        HttpClient http = HttpClient.newHttpClient();
        for (String[] system : SYSTEMS) {
            String body = "{\"organisation\":\"%s\",\"name\":\"%s\",\"description\":\"%s\",\"initialPhase\":\"%s\"}"
                    .formatted(system[0], system[1], system[2], system[3]);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(commandServiceUrl + "/api/systems"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new IllegalStateException("Demo system '" + system[1] + "' refused: " + response.statusCode() + " " + response.body());
            }
        }
        Files.writeString(marker, Instant.now() + "\n");
        return SYSTEMS.length;
    }
}
