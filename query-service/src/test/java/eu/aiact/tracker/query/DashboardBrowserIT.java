package eu.aiact.tracker.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.infra.TestEvents;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The dashboard in a real headless Chromium (Debian's chromium and chromium-driver), driven by Selenium: the pages load, the numbers
 * they show are the JSON API's, the organisation selector works, a system's page shows its obligations and history, a name full of
 * markup is shown as text (no script runs), and screenshots go to {@code target/screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserIT {

    private static final String TOPIC = "it-dashboard-events";
    private static final TestEvents events = new TestEvents(TestInfrastructure.get().kafkaBootstrapServers());
    private static WebDriver browser;

    @Autowired
    private JsonMapper json;
    private QueryApi api;
    private String base;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("dashboard_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.events-topic", () -> TOPIC);
        registry.add("tracker.obligations-topic", () -> "it-dashboard-feed");
    }

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = HeadlessChromium.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        events.close();
    }

    @BeforeEach
    void api(@Value("${local.server.port}") int port) {
        api = new QueryApi(port, TOPIC, events, json);
        base = "http://127.0.0.1:" + port;
    }

    @Test
    void thePortfolioPageShowsTheApisNumbersAndASystemPageItsObligations() throws Exception {
        String evil = "<script>alert('x')</script><img src=x onerror=alert(1)> Risicomodel & co";
        SamplePortfolio sample = new SamplePortfolio("Gemeente " + UUID.randomUUID().toString().substring(0, 8) + " <b>&</b>", evil)
                .publish(api);
        // a second organisation, so that the selector has a choice
        SamplePortfolio other = new SamplePortfolio("Waterschap " + UUID.randomUUID().toString().substring(0, 8), "Peilbeheer")
                .publish(api);
        String apiPath = "/api/portfolio?organisation=" + QueryApi.encode(sample.organisation);
        api.awaitJson("/api/obligations?systemId=" + sample.planned, body -> body.size() > 0);
        api.awaitJson("/api/obligations?systemId=" + sample.high, body -> body.findValuesAsString("code").contains("ART26-DEPLOYER-DUTIES"));
        JsonNode portfolio = api.awaitJson(apiPath, body -> body.get("systems").asLong() == 5
                && body.get("assessments").get("DPIA").get("DONE").asLong() == 2 && body.get("byLifecycle").get("ENDED_AFTER_USE").asLong() == 1);

        // all organisations first, then the organisation chosen in the selector
        browser.get(base + "/dashboard");
        assertThat(browser.getTitle()).isEqualTo("AI Act portfolio");
        new Select(browser.findElement(By.id("organisation"))).selectByValue(sample.organisation);
        browser.findElement(By.id("show")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(d -> d.findElement(By.id("scope")).getText()
                .startsWith(sample.organisation));
        assertThat(browser.getCurrentUrl()).contains("organisation=");
        assertThat(new Select(browser.findElement(By.id("organisation"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo(sample.organisation);

        assertThat(metric("systems")).isEqualTo(portfolio.get("systems").asLong()).isEqualTo(5);
        assertThat(metric("overdue")).isEqualTo(portfolio.get("overdueCount").asLong());
        assertThat(metric("violations")).isEqualTo(portfolio.get("violationCount").asLong());
        assertThat(metric("high-risk")).isEqualTo(2);
        for (String breakdown : List.of("byLifecycle", "byRiskClass", "byPurpose", "byDevelopedBy", "byGenerativeAi")) {
            assertThat(shown(breakdown)).as(breakdown).isEqualTo(PortfolioIT.counts(portfolio.get(breakdown)));
        }
        Map<String, Long> assessments = new HashMap<>();
        portfolio.get("assessments").properties().forEach(type -> type.getValue().properties()
                .forEach(s -> assessments.put(type.getKey() + "." + s.getKey(), s.getValue().asLong())));
        assertThat(shown("assessments")).isEqualTo(assessments);
        Map<String, Long> months = new HashMap<>();
        portfolio.get("deadlinesByMonth").forEach(m -> months.put(m.get("month").asString(), m.get("obligations").asLong()));
        Map<String, Long> shownMonths = new HashMap<>();
        for (WebElement cell : browser.findElements(By.cssSelector("td[data-month]"))) {
            shownMonths.put(cell.getAttribute("data-month"), Long.parseLong(cell.getAttribute("textContent")));
        }
        assertThat(shownMonths).isNotEmpty().isEqualTo(months);
        assertThat(browser.findElements(By.cssSelector("#overdue tr"))).hasSize(1 + portfolio.get("overdue").size());
        assertThat(browser.findElements(By.cssSelector("svg rect")).size()).isGreaterThan(10);
        assertThat(browser.findElement(By.id("calendar")).getAttribute("href")).endsWith("/deadlines.ics");
        screenshot("dashboard-organisation.png");

        // one system's page: its facts, its obligations as stored, its history; the markup in its name is text
        browser.get(base + "/dashboard/systems/" + sample.high);
        assertNoAlert();
        assertThat(browser.findElement(By.id("system-name")).getText()).isEqualTo(evil);
        assertThat(browser.findElements(By.tagName("script"))).isEmpty();
        assertThat(browser.findElements(By.tagName("img"))).isEmpty();
        assertThat(browser.findElement(By.id("risk-class")).getText()).isEqualTo("HIGH");
        JsonNode stored = api.getJson("/api/obligations?systemId=" + sample.high);
        Set<String> codes = new HashSet<>();
        for (WebElement row : browser.findElements(By.cssSelector("#obligations tr[data-code]"))) {
            String code = row.getAttribute("data-code");
            codes.add(code);
            JsonNode expected = stored.valueStream().filter(o -> o.get("code").asString().equals(code)).findFirst().orElseThrow();
            assertThat(row.findElement(By.className("due")).getText()).isEqualTo(expected.get("dueDate").isNull() ? ""
                    : expected.get("dueDate").asString());
            assertThat(row.findElement(By.className("status")).getText()).isEqualTo(expected.get("status").asString());
        }
        assertThat(codes).contains("ART26-DEPLOYER-DUTIES").isEqualTo(new HashSet<>(stored.findValuesAsString("code")));
        assertThat(browser.findElement(By.id("obligations")).getText()).contains("Art. 26");
        assertThat(browser.findElements(By.cssSelector("#history tr"))).hasSize(1 + 6);
        assertThat(browser.findElement(By.cssSelector("td[data-fact=inServiceSince]")).getText()).isEqualTo("2020-03-01");
        screenshot("dashboard-system.png");

        // the overview of all organisations, and an unknown system
        browser.get(base + "/dashboard");
        JsonNode all = api.getJson("/api/portfolio");
        assertThat(metric("systems")).isEqualTo(all.get("systems").asLong());
        assertThat(shown("byRiskClass")).isEqualTo(PortfolioIT.counts(all.get("byRiskClass")));
        screenshot("dashboard-all.png");
        // an organisation's own address (a name without a slash: Tomcat refuses an encoded slash in a path)
        api.awaitJson("/api/portfolio?organisation=" + QueryApi.encode(other.organisation), body -> body.get("systems").asLong() == 5);
        browser.get(base + "/dashboard/organisations/" + QueryApi.encode(other.organisation));
        assertThat(browser.findElement(By.id("scope")).getText()).startsWith(other.organisation);
        assertThat(metric("systems")).isEqualTo(5);
        browser.get(base + "/dashboard/systems/" + UUID.randomUUID());
        assertThat(browser.getTitle()).isEqualTo("No such AI system");
        assertThat(api.get("/dashboard/systems/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
        assertThat(api.get("/dashboard").headers().firstValue("Content-Security-Policy").orElseThrow())
                .as("no script may run on the dashboard").contains("default-src 'none'").doesNotContain("script-src");
    }

    private static long metric(String name) {
        return Long.parseLong(browser.findElement(By.cssSelector("[data-metric='" + name + "']")).getText());
    }

    private static Map<String, Long> shown(String breakdown) {
        Map<String, Long> counts = new HashMap<>();
        for (WebElement cell : browser.findElements(By.cssSelector("td[data-breakdown='" + breakdown + "']"))) {
            counts.put(cell.getAttribute("data-key"), Long.parseLong(cell.getAttribute("textContent")));
        }
        return counts;
    }

    private static void assertNoAlert() {
        assertThatThrownBy(() -> browser.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
    }

    private static void screenshot(String name) throws Exception {
        HeadlessChromium.screenshot(browser, name);
    }
}
