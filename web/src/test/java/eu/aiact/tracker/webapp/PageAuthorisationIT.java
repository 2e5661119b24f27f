package eu.aiact.tracker.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same authorisation as the API: every development user ({@code dev-users.properties}) signs in to the web application and opens
 * every page; each page answers what the API answers the same user for the data it shows (200, 403 or 404), and a page that answers 200
 * shows the API's data (the system's name, the inventory's count), never another organisation's.
 */
class PageAuthorisationIT {

    private static final String DUO_ENCODED = "Dienst+Uitvoering+Onderwijs";
    private static final String DUO_PATH = "Dienst%20Uitvoering%20Onderwijs";
    private static String duoSystem;
    private static String utrechtSystem;
    private static String duoName;
    private static String utrechtName;

    @BeforeAll
    static void systems() throws Exception {
        duoName = "Leerlingvolgsysteem <b>DUO</b> " + System.nanoTime();
        utrechtName = "Bijstandscheck Utrecht " + System.nanoTime();
        duoSystem = WebStack.registerSystem("cio-duo", "Dienst Uitvoering Onderwijs", duoName, null);
        utrechtSystem = WebStack.registerSystem("registrar-utrecht", "Gemeente Utrecht", utrechtName, null);
    }

    @Test
    void everyPageAnswersEveryDevelopmentUserAsTheApiDoes() {
        String query = WebStack.get().queryServiceUrl();
        SoftAssertions softly = new SoftAssertions();
        for (String user : WebStack.get().users().keySet()) {
            HttpClient browser = WebStack.signedIn(user);
            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("/portfolio", query + "/api/portfolio");
            pages.put("/systems", query + "/api/systems");
            pages.put("/systems.csv", query + "/api/systems");
            pages.put("/systems/" + duoSystem, query + "/api/systems/" + duoSystem);
            pages.put("/systems/" + utrechtSystem, query + "/api/systems/" + utrechtSystem);
            pages.put("/systems/no-such-system", query + "/api/systems/no-such-system");
            pages.put("/systems/" + duoSystem + "/commands/pause", query + "/api/systems/" + duoSystem);
            pages.put("/classification-aid?systemId=" + duoSystem, query + "/api/systems/" + duoSystem);
            pages.put("/audit/systems/" + duoSystem + "?date=2026-01-01", query + "/api/systems/" + duoSystem + "/as-of?date=2026-01-01");
            pages.put("/audit/organisations?organisation=" + DUO_ENCODED + "&date=2026-01-01",
                    query + "/api/organisations/" + DUO_PATH + "/as-of?date=2026-01-01");
            pages.put("/audit/history?organisation=" + DUO_ENCODED, query + "/api/history?organisation=" + DUO_ENCODED);
            pages.put("/alerts?organisation=" + DUO_ENCODED, WebStack.get().notifierUrl() + "/api/alerts?organisation=" + DUO_ENCODED);
            pages.put("/feeds", query + "/api/feeds");
            for (Map.Entry<String, String> page : pages.entrySet()) {
                HttpResponse<String> web = WebStack.page(browser, page.getKey());
                HttpResponse<String> api = WebStack.api("GET", page.getValue(), user, null);
                softly.assertThat(web.statusCode()).as(user + " " + page.getKey() + " (API: " + api.statusCode() + ")")
                        .isEqualTo(api.statusCode());
                if (web.statusCode() == 200 && page.getKey().startsWith("/systems/") && !page.getKey().endsWith("/pause")) {
                    String name = WebStack.json(api).get("name").asString();
                    softly.assertThat(web.body()).as(user + " " + page.getKey()).contains(escaped(name));
                }
                if (web.statusCode() == 200 && page.getKey().equals("/systems")) {
                    String total = api.headers().firstValue("X-Total-Count").orElseThrow();
                    softly.assertThat(web.body()).as(user + " inventory count").contains(total + " systemen gevonden");
                    boolean seesUtrecht = WebStack.api("GET", query + "/api/systems/" + utrechtSystem, user, null).statusCode() == 200;
                    softly.assertThat(web.body().contains(escaped(utrechtName)) || !seesUtrecht || Integer.parseInt(total) > 25)
                            .as(user + " sees Utrecht's system in the inventory exactly when the API shows it").isTrue();
                    if (!seesUtrecht) {
                        softly.assertThat(web.body()).as(user + " inventory").doesNotContain(escaped(utrechtName));
                    }
                }
                if (web.statusCode() == 403 || web.statusCode() == 404) {
                    softly.assertThat(web.body()).as(user + " " + page.getKey() + " names no other organisation's system")
                            .doesNotContain(escaped(utrechtName)).doesNotContain(escaped(duoName));
                }
            }
        }
        softly.assertAll();
        assertThat(WebStack.get().users()).hasSizeGreaterThanOrEqualTo(12);
    }

    @Test
    void aNameFullOfMarkupIsShownAsText() {
        HttpResponse<String> page = WebStack.page(WebStack.signedIn("cio-duo"), "/systems/" + duoSystem);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Leerlingvolgsysteem &lt;b&gt;DUO&lt;/b&gt;").doesNotContain("<b>DUO</b>");
    }

    @Test
    void theTokenNeverReachesTheBrowser() {
        HttpClient browser = WebStack.signedIn("cio-duo");
        for (String path : List.of("/portfolio", "/systems", "/systems/" + duoSystem)) {
            HttpResponse<String> page = WebStack.page(browser, path);
            assertThat(page.body()).as(path).doesNotContain("eyJ");
            assertThat(page.uri().toString()).doesNotContain("token");
            assertThat(page.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.contains("eyJ"));
        }
    }

    private static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
