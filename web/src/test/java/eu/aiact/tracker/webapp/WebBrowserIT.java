package eu.aiact.tracker.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import tools.jackson.databind.JsonNode;

/**
 * The web application in a real headless Chromium, as a user of a CIO office uses it: sign in through the development issuer, register
 * a system through the form and see its obligations, a refused value shown at its field, a classification with a legal ground, a FRIA
 * recorded as done, a stale version explained, the inventory's search and its CSV; every page checked by axe-core (WCAG 2.1 A and AA)
 * and at 360 px wide. Screenshots in {@code target/screenshots}.
 */
class WebBrowserIT {

    private static final String DUO = "Dienst Uitvoering Onderwijs";
    private static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        WebStack.get();
        browser = Browser.start("nl");
        browser.signIn("cio-duo");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void aCioOfficeRegistersASystemThroughTheFormAndSeesItsObligations() throws Exception {
        browser.open("/portfolio");
        assertThat(browser.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Portfolio: " + DUO);
        assertThat(browser.text()).contains("Aangemeld als cio-duo", "AI-systemen", "Open verplichtingen per maand");
        browser.assertAccessible("portfolio");
        browser.screenshot("01-portfolio-cio-duo");

        String name = "Studiefinanciering-signalering " + UUID.randomUUID().toString().substring(0, 6);
        browser.open("/systems/new");
        browser.assertAccessible("register form");
        browser.driver.findElement(By.id("name")).sendKeys(name);
        browser.driver.findElement(By.id("description")).sendKeys("Signaleert aanvragen voor controle");
        new Select(browser.driver.findElement(By.id("role"))).selectByValue("DEPLOYER");
        new Select(browser.driver.findElement(By.id("publicAuthority"))).selectByValue("true");
        new Select(browser.driver.findElement(By.id("initialPhase"))).selectByValue("IN_USE");
        setDate("effectiveDate", "2025-01-15");
        browser.screenshot("02-register-form");
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.wait(d -> d.getCurrentUrl().matches(".*/systems/[0-9a-f-]{36}.*"));
        assertThat(browser.text()).contains(name, "Vastgelegd: Een AI-systeem registreren", "In gebruik", "Verplichtingen",
                "Geschiedenis", "Geregistreerd", "cio-duo", "Signaleert aanvragen voor controle", DUO, "In gebruik sinds", "15 jan. 2025");
        assertThat(browser.driver.findElements(By.cssSelector("table.tracker-obligations tbody tr"))).isNotEmpty();
        browser.assertAccessible("system page");
        browser.fullScreenshot("03-system-registered");

        browser.size(360, 800);
        assertThat(browser.fitsWidth()).as("the system page fits 360 px").isTrue();
        browser.screenshot("04-system-360px");
        browser.size(1280, 1000);
    }

    @Test
    void aRefusedValueIsShownAtItsFieldAndAClassificationWithALegalGroundIsRecorded() throws Exception {
        String id = WebStack.registerSystem("cio-duo", DUO, "Toeslagcontrole " + UUID.randomUUID().toString().substring(0, 6), null);
        browser.open("/systems/" + id + "/commands/classification");
        new Select(browser.driver.findElement(By.id("riskClass"))).selectByValue("HIGH");
        browser.driver.findElement(By.id("rationale")).sendKeys("Beslist over toegang tot publieke voorzieningen");
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        // HIGH without a legal ground: the command service refuses it, naming the field
        WebElement error = browser.driver.findElement(By.id("bases-error"));
        assertThat(error.getText()).isNotBlank();
        assertThat(browser.text()).contains("Er is een probleem", "Wettelijke grondslagen");
        browser.assertAccessible("classification form with a problem");
        browser.fullScreenshot("05-classification-problem-at-field");

        // now with a ground: from the catalogue when the command service offers it, otherwise typed in
        var catalogue = browser.driver.findElements(By.cssSelector("input[name=bases][value^='ANNEX_III_AREA|']"));
        if (!catalogue.isEmpty()) {
            browser.driver.findElements(By.cssSelector("details.tracker-provisions summary")).forEach(summary -> {
                if (!summary.findElement(By.xpath("..")).getDomAttribute("open").equals("true")) {
                    summary.click();
                }
            });
            catalogue.get(0).click();
        } else {
            new Select(browser.driver.findElement(By.id("basisKind"))).selectByValue("ANNEX_III_AREA");
            browser.driver.findElement(By.id("basisReference")).sendKeys("III.5(a)");
        }
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.wait(d -> d.getCurrentUrl().contains("/systems/" + id + "?"));
        assertThat(browser.text()).contains("Vastgelegd: Risicoklasse vastleggen", "Hoog", "Hoog-risicogebied (Bijlage III)");
        HttpResponse<String> api = WebStack.api("GET", WebStack.get().queryServiceUrl() + "/api/systems/" + id, "cio-duo", null);
        JsonNode system = WebStack.json(api);
        assertThat(system.get("riskClass").asString()).isEqualTo("HIGH");
        assertThat(system.get("bases").get(0).get("kind").asString()).isEqualTo("ANNEX_III_AREA");
        browser.fullScreenshot("06-classified-high");
    }

    @Test
    void aFriaRecordedAsDoneFulfilsItsObligation() throws Exception {
        String id = WebStack.registerSystem("cio-duo", DUO, "Fraudescore " + UUID.randomUUID().toString().substring(0, 6), null);
        WebStack.api("POST", WebStack.get().commandServiceUrl() + "/api/systems/" + id + "/classification", "cio-duo",
                "{\"riskClass\":\"HIGH\",\"bases\":[{\"kind\":\"ANNEX_III_AREA\",\"reference\":\"III.5(a)\"}],\"rationale\":\"Toegang tot voorzieningen\"}");
        WebStack.awaitVersion(id, 1);
        browser.open("/systems/" + id + "/commands/assessment");
        new Select(browser.driver.findElement(By.id("type"))).selectByValue("FRIA");
        new Select(browser.driver.findElement(By.id("status"))).selectByValue("DONE");
        browser.driver.findElement(By.id("reference")).sendKeys("dms://fria-42");
        browser.assertAccessible("assessment form");
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.wait(d -> d.getCurrentUrl().contains("/systems/" + id + "?"));
        assertThat(browser.text()).contains("FRIA (grondrechten, Art. 27): Uitgevoerd", "dms://fria-42");
        JsonNode obligations = WebStack.json(WebStack.api("GET", WebStack.get().queryServiceUrl() + "/api/systems/" + id + "/obligations",
                "cio-duo", null));
        JsonNode fria = obligations.valueStream().filter(o -> o.get("code").asString().contains("FRIA")).findFirst().orElseThrow();
        assertThat(fria.get("status").asString()).isEqualTo("FULFILLED");
        browser.fullScreenshot("07-fria-done");
    }

    @Test
    void aStaleVersionIsExplainedAndNothingIsRecorded() throws Exception {
        String id = WebStack.registerSystem("cio-duo", DUO, "Roosterplanner " + UUID.randomUUID().toString().substring(0, 6), null);
        browser.open("/systems/" + id + "/commands/modification");
        browser.driver.findElement(By.id("description")).sendKeys("Nieuw model getraind");
        // someone else changes the system meanwhile
        WebStack.api("POST", WebStack.get().commandServiceUrl() + "/api/systems/" + id + "/pause", "registrar-duo", "{}");
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        assertThat(browser.text()).contains("Het systeem is intussen gewijzigd", "versie 0", "versie 1");
        browser.assertAccessible("stale version");
        browser.screenshot("08-stale-version");
    }

    @Test
    void theInventoryFindsFiltersAndDownloadsExactlyTheFilteredList() throws Exception {
        String marker = "Zoekbaar" + UUID.randomUUID().toString().substring(0, 6);
        WebStack.registerSystem("cio-duo", DUO, marker + " chatbot", "\"supplier\":\"Acme\"");
        browser.open("/systems");
        browser.assertAccessible("inventory");
        WebElement search = browser.driver.findElement(By.id("q"));
        search.sendKeys(marker, Keys.ENTER);
        browser.wait(d -> d.findElements(By.cssSelector("#results tbody tr")).size() == 1);
        assertThat(browser.driver.findElement(By.cssSelector("#results tbody tr")).getText()).contains(marker, "In gebruik");
        browser.screenshot("09-inventory-search");

        var http = WebStack.signedIn("cio-duo");
        HttpResponse<String> csv = WebStack.page(http, "/systems.csv?q=" + marker);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/csv"));
        assertThat(csv.body().split("\r\n")).hasSize(2);
        assertThat(csv.body()).contains(marker + " chatbot", "Acme");

        HttpResponse<String> all = WebStack.page(http, "/systems.csv");
        int apiTotal = Integer.parseInt(WebStack.api("GET", WebStack.get().queryServiceUrl() + "/api/systems?limit=1", "cio-duo", null)
                .headers().firstValue("X-Total-Count").orElseThrow());
        assertThat(all.body().split("\r\n")).as("a header line and one line per system the API lists").hasSize(apiTotal + 1);
    }

    @Test
    void englishIsOneClickAwayAndDutchIsTheDefault() throws Exception {
        browser.open("/systems");
        assertThat(browser.text()).contains("Inventaris", "Zoeken in naam");
        browser.driver.findElement(By.cssSelector("a[hreflang=en]")).click();
        assertThat(browser.text()).contains("Inventory", "Search name, description");
        browser.assertAccessible("inventory in English");
        browser.driver.findElement(By.cssSelector("a[hreflang=nl]")).click();
        assertThat(browser.text()).contains("Inventaris");
    }

    private static void setDate(String id, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, isoDate);
    }
}
