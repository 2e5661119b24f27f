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
        browser.assertShows("Aangemeld als cio-duo", "AI-systemen", "Open verplichtingen per maand");
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
        browser.assertShows(name, "Vastgelegd: Een AI-systeem registreren", "In gebruik", "Verplichtingen",
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
        WebElement error = browser.find(By.id("bases-error"));
        assertThat(error.getText()).isNotBlank();
        browser.assertShows("Er is een probleem", "Wettelijke grondslagen");
        browser.assertAccessible("classification form with a problem");
        browser.fullScreenshot("05-classification-problem-at-field");

        // now with a ground: from the catalogue when the command service offers it, otherwise typed in
        var catalogue = browser.driver.findElements(By.cssSelector("input[name=bases][value='ANNEX_III_AREA|III.5(a)']"));
        if (!catalogue.isEmpty()) {
            WebElement area = catalogue.get(0);
            WebElement group = area.findElement(By.xpath("ancestor::details"));
            if (group.getDomAttribute("open") == null) {
                group.findElement(By.tagName("summary")).click();
            }
            area.click();
        } else {
            new Select(browser.driver.findElement(By.id("basisKind"))).selectByValue("ANNEX_III_AREA");
            browser.driver.findElement(By.id("basisReference")).sendKeys("III.5(a)");
        }
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.wait(d -> d.getCurrentUrl().contains("/systems/" + id + "?"));
        browser.assertShows("Vastgelegd: Risicoklasse vastleggen", "Hoog", "Hoog-risicogebied (Bijlage III)");
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
        browser.assertShows("FRIA (grondrechten, Art. 27): Uitgevoerd", "dms://fria-42");
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
        browser.find(By.id("problem"));
        browser.assertShows("Het systeem is intussen gewijzigd", "versie 0", "versie 1");
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
        browser.wait(d -> {
            try {
                var rows = d.findElements(By.cssSelector("#results tbody tr"));
                return rows.size() == 1 && rows.get(0).getText().contains(marker) && rows.get(0).getText().contains("In gebruik");
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                return false;
            }
        });
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
        browser.assertShows("Inventaris", "Zoeken in naam");
        browser.driver.findElement(By.cssSelector("a[hreflang=en]")).click();
        browser.assertShows("Inventory", "Search name, description");
        browser.assertAccessible("inventory in English");
        browser.driver.findElement(By.cssSelector("a[hreflang=nl]")).click();
        browser.assertShows("Inventaris");
    }

    @Test
    void aCsvInventoryIsCheckedShowingItsProblemsThenImported() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        java.nio.file.Path bad = java.nio.file.Files.createTempFile("inventaris-fout", ".csv");
        java.nio.file.Files.writeString(bad, "organisation,name,phase\nDienst Uitvoering Onderwijs,Import A " + tag + ",SOON\n");
        browser.open("/imports");
        browser.assertAccessible("import form");
        browser.driver.findElement(By.id("file")).sendKeys(bad.toAbsolutePath().toString());
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        WebElement problem = browser.find(By.cssSelector("table.tracker-problems tbody tr"));
        assertThat(problem.getText()).contains("2", "phase", "SOON");
        assertThat(browser.driver.findElements(By.cssSelector("form[action$='/imports/run']"))).as("no import of a file with problems").isEmpty();
        browser.assertAccessible("import problems");
        browser.screenshot("10-import-problems");

        java.nio.file.Path good = java.nio.file.Files.createTempFile("inventaris", ".csv");
        java.nio.file.Files.writeString(good, "organisation;name;phase;in_service_since;risk_class;risk_basis\n"
                + "Dienst Uitvoering Onderwijs;Import B " + tag + ";in gebruik;2024-05-01;hoog;ANNEX_III_AREA:III.3(a)\n"
                + "Dienst Uitvoering Onderwijs;Import C " + tag + ";experiment;;;\n");
        browser.open("/imports");
        browser.driver.findElement(By.id("file")).sendKeys(good.toAbsolutePath().toString());
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.assertShows("Het bestand is in orde", "2 rijen");
        browser.driver.findElement(By.cssSelector("form[action$='/imports/run'] button")).click();
        browser.assertShows("Geïmporteerd", "Import B " + tag, "Import C " + tag);
        browser.assertAccessible("import done");
        browser.screenshot("11-import-done");
        browser.driver.findElement(By.linkText("Import B " + tag)).click();
        browser.wait(d -> d.getPageSource().contains("Hoog-risicogebied (Bijlage III)"));
    }

    @Test
    void anAuditorSeesAnOrganisationAsOfAPastDateOnBothAxes() throws Exception {
        String name = "Terugvordering " + UUID.randomUUID().toString().substring(0, 6);
        String id = WebStack.registerSystem("cio-duo", DUO, name, null);
        try (Browser auditor = Browser.start("nl")) {
            auditor.signIn("auditor-rekenkamer");
            auditor.open("/audit");
            auditor.assertAccessible("audit");
            new Select(auditor.driver.findElement(By.id("organisation"))).selectByValue(DUO);
            ((org.openqa.selenium.JavascriptExecutor) auditor.driver).executeScript("document.getElementById('date').value = '2025-06-01';");
            auditor.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
            // the system took effect on 2024-03-01 but was recorded today: as known at the end of 2025-06-01 it did not exist
            auditor.wait(d -> d.findElement(By.tagName("h1")).getText().contains(DUO) && d.findElement(By.tagName("h1")).getText().contains("2025"));
            assertThat(auditor.text()).doesNotContain(name);
            auditor.screenshot("12-auditor-as-of-known-then");
            ((org.openqa.selenium.JavascriptExecutor) auditor.driver).executeScript(
                    "document.getElementById('knownAtDate').value = arguments[0];", java.time.LocalDate.now(Format.ZONE).toString());
            auditor.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
            // as known today, the same date shows it (in use since 2024-03-01)
            auditor.assertShows(name);
            auditor.assertAccessible("organisation as of");
            auditor.fullScreenshot("13-auditor-as-of-known-today");
            auditor.driver.findElement(By.linkText(name)).click();
            auditor.assertShows(name, "In gebruik");
            auditor.assertAccessible("system as of");
            auditor.open("/audit/chain");
            auditor.assertShows("De keten is intact");
            auditor.open("/audit/history?systemId=" + id);
            auditor.assertShows("Geregistreerd", "cio-duo");
            auditor.assertAccessible("history");
        }
    }

    @Test
    void aViewerSeesThePortfolioButNotTheSystemsAsTheApiDecides() throws Exception {
        String id = WebStack.registerSystem("cio-duo", DUO, "Zichtbaarheid " + UUID.randomUUID().toString().substring(0, 6), null);
        try (Browser viewer = Browser.start("nl")) {
            viewer.signIn("viewer-duo");
            viewer.open("/portfolio");
            assertThat(viewer.driver.findElement(By.tagName("h1")).getText()).isEqualTo("Portfolio: " + DUO);
            assertThat(viewer.driver.findElements(By.linkText("Inventaris"))).as("no link to a page the API refuses").isEmpty();
            viewer.open("/systems/" + id);
            viewer.assertShows("U hebt geen toegang");
            assertThat(WebStack.api("GET", WebStack.get().queryServiceUrl() + "/api/systems/" + id, "viewer-duo", null).statusCode())
                    .isEqualTo(403);
            viewer.assertAccessible("403 page");
            viewer.screenshot("14-viewer-refused");
        }
    }

    @Test
    void theMainFlowWorksWithTheKeyboardAlone() throws Exception {
        browser.open("/systems/new");
        org.openqa.selenium.interactions.Actions keys = new org.openqa.selenium.interactions.Actions(browser.driver);
        // from the top of the page: skip link, then Tab to the first field
        browser.driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(browser.driver.switchTo().activeElement().getText()).isEqualTo("Naar de inhoud");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        String name = "Toetsenbord " + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 40 && !"name".equals(browser.driver.switchTo().activeElement().getDomAttribute("id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        assertThat(browser.driver.switchTo().activeElement().getDomAttribute("id")).isEqualTo("name");
        keys.sendKeys(name).perform();
        for (int i = 0; i < 40 && !"initialPhase".equals(browser.driver.switchTo().activeElement().getDomAttribute("id")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        keys.sendKeys("I").perform();
        for (int i = 0; i < 40 && !"submit".equals(browser.driver.switchTo().activeElement().getDomAttribute("type")); i++) {
            keys.sendKeys(Keys.TAB).perform();
        }
        keys.sendKeys(Keys.ENTER).perform();
        browser.wait(d -> d.getCurrentUrl().matches(".*/systems/[0-9a-f-]{36}.*"));
        browser.assertShows(name, "In gebruik");
    }

    @Test
    void theClassificationAidProposesAClassAndItsGroundsAndRecordsThemWithTheAnswers() throws Exception {
        String id = WebStack.registerSystem("cio-duo", DUO, "Studievoortgang " + UUID.randomUUID().toString().substring(0, 6), null);
        browser.open("/classification-aid?systemId=" + id);
        browser.assertAccessible("classification aid");
        browser.find(By.cssSelector("input[name=areas][value='III.3(a)']")).click();
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.find(By.cssSelector("textarea#rationale"));
        browser.assertShows("Voorgestelde klasse", "Hoog", "Hoog-risicogebied (Bijlage III)", "III.3(a)");
        browser.assertAccessible("classification proposal");
        browser.fullScreenshot("15-classification-aid-proposal");
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        browser.wait(d -> d.getCurrentUrl().contains("/systems/" + id + "?"));
        JsonNode system = WebStack.json(WebStack.api("GET", WebStack.get().queryServiceUrl() + "/api/systems/" + id, "cio-duo", null));
        assertThat(system.get("riskClass").asString()).isEqualTo("HIGH");
        assertThat(system.get("bases").get(0).get("reference").asString()).isEqualTo("III.3(a)");
        assertThat(system.get("classificationRationale").asString()).startsWith("Classificatiehulp.").contains("III.3(a)");
    }

    @Test
    void aCalendarFeedLinkServesTheDeadlinesWithoutATokenUntilItIsRevoked() throws Exception {
        WebStack.registerSystem("cio-duo", DUO, "Agenda " + UUID.randomUUID().toString().substring(0, 6), null);
        browser.open("/feeds");
        browser.assertAccessible("feeds");
        browser.driver.findElement(By.cssSelector("form.tracker-form button[type=submit]")).click();
        String url = browser.find(By.id("created-url")).getDomProperty("value");
        assertThat(url).contains("/feeds/").endsWith("/deadlines.ics").doesNotContain("eyJ");
        var http = java.net.http.HttpClient.newHttpClient();
        var calendar = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(calendar.statusCode()).isEqualTo(200);
        assertThat(calendar.body()).contains("BEGIN:VCALENDAR", "URL:" + WebStack.get().webUrl() + "/systems/");
        browser.assertAccessible("feed created");
        browser.screenshot("16-feed-created");
        browser.driver.findElements(By.cssSelector("form[action$='/revoke'] button")).get(0).click();
        browser.find(By.cssSelector("div.utrecht-alert--ok"));
        assertThat(http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode()).as("a revoked link").isEqualTo(404);
    }

    @Test
    void aCioOfficeAcknowledgesAnAlert() throws Exception {
        String name = "Signalering " + UUID.randomUUID().toString().substring(0, 6);
        String id = WebStack.registerSystem("cio-duo", DUO, name, null);
        // the notifier learns the system's obligations from the query service's feed; a sweep (as the administrator) decides the alerts
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
        JsonNode alerts;
        do {
            WebStack.api("POST", WebStack.get().notifierUrl() + "/api/admin/sweeps", "admin", "{}");
            alerts = WebStack.json(WebStack.api("GET", WebStack.get().notifierUrl() + "/api/alerts?systemId=" + id, "cio-duo", null));
            Thread.sleep(1000);
        } while (alerts.isEmpty() && System.nanoTime() < deadline);
        assertThat(alerts).as("alerts for a system in use since 2024 (AI literacy overdue)").isNotEmpty();
        String key = alerts.get(0).get("alert").get("key").asString();
        int probe = WebStack.api("POST", WebStack.get().notifierUrl() + "/api/alerts/no-such-alert/acknowledgements", "cio-duo",
                "{\"note\":\"probe\"}").statusCode();
        org.junit.jupiter.api.Assumptions.assumeTrue(probe != 403 && probe != 405 && probe != 500,
                "the notifier's acknowledgement endpoint (POST /api/alerts/{key}/acknowledgements, alerts helper) is not there yet: " + probe);
        browser.open("/alerts?systemId=" + id);
        browser.assertAccessible("alerts");
        // the coverage warnings as a table, one row per organisation the user may see
        assertThat(browser.driver.findElements(By.cssSelector("table.tracker-coverage tbody th")).stream().map(WebElement::getText))
                .contains(DUO);
        browser.driver.findElements(By.cssSelector("details summary")).get(0).click();
        browser.driver.findElement(By.cssSelector("form[action$='/alerts/acknowledge'] textarea")).sendKeys("Opgepakt door het CIO-office");
        browser.driver.findElement(By.cssSelector("form[action$='/alerts/acknowledge'] button")).click();
        browser.find(By.cssSelector("div.utrecht-alert--ok"));
        browser.screenshot("17-alert-acknowledged");
        browser.open("/alerts?show=acknowledged&systemId=" + id);
        browser.assertShows(name);
        assertThat(key).isNotBlank();
    }

    private static void setDate(String id, String isoDate) {
        ((org.openqa.selenium.JavascriptExecutor) browser.driver).executeScript("document.getElementById(arguments[0]).value = arguments[1];",
                id, isoDate);
    }
}
