package eu.aiact.tracker.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium through chromedriver, with a fresh profile: sign-in through the development issuer's login page, axe-core
 * (the webjar on the test classpath, injected into each page) for WCAG 2.1 A and AA, the page width, and screenshots in
 * {@code target/screenshots}.
 */
final class Browser implements AutoCloseable {

    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final String CHROMEDRIVER = "/usr/bin/chromedriver";
    private static String axe;

    final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    static Browser start(String language) throws IOException {
        assertThat(new File(CHROMIUM)).as("Chromium is needed: apt-get install -y chromium chromium-driver").exists();
        assertThat(new File(CHROMEDRIVER)).as("ChromeDriver is needed: apt-get install -y chromium-driver").exists();
        Path profile = Files.createTempDirectory("web-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,1000", "--user-data-dir=" + profile, "--lang=" + language);
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort()
                .build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
        return new Browser(driver);
    }

    /** Opens the web application and signs in on the issuer's page by picking the user. */
    void signIn(String user) {
        driver.get(WebStack.get().webUrl() + "/");
        wait(d -> d.getCurrentUrl().contains("/authorize"));
        driver.findElement(By.cssSelector("button[value='" + user + "']")).click();
        wait(d -> d.getCurrentUrl().startsWith(WebStack.get().webUrl()));
    }

    void open(String path) {
        driver.get(WebStack.get().webUrl() + path);
    }

    void wait(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition::apply);
    }

    /** The element, once the page shows it (a form's answer may still be loading). */
    org.openqa.selenium.WebElement find(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.findElements(by).stream().findFirst().orElse(null));
    }

    /** The page's text now (read again if the page was replaced while it was read). */
    String text() {
        for (int attempt = 1; ; attempt++) {
            try {
                return driver.findElement(By.tagName("body")).getText();
            } catch (org.openqa.selenium.StaleElementReferenceException replaced) {
                if (attempt == 5) {
                    throw replaced;
                }
            }
        }
    }

    /**
     * Asserts that the page shows every one of these, once it does (a click's answer may still be loading, or the old page still be
     * shown); after 30 s, the assertion reports the text shown then.
     */
    void assertShows(String... expected) {
        assertThat(textShowing(expected)).contains(expected);
    }

    /** The page's text once it shows every one of these, or after 30 s the text it shows then. */
    private String textShowing(String... expected) {
        try {
            return new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .until(d -> {
                        String text = d.findElement(By.tagName("body")).getText();
                        return java.util.Arrays.stream(expected).allMatch(text::contains) ? text : null;
                    });
        } catch (org.openqa.selenium.TimeoutException notShown) {
            return text();
        }
    }

    /** The page's WCAG 2.1 level A and AA violations according to axe-core: rule id, impact and the first offending elements. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> accessibilityViolations() throws IOException {
        JavascriptExecutor js = (JavascriptExecutor) driver;
        js.executeScript(axe());
        Object result = js.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                   .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.html + ' ' + n.failureSummary)}))))
                   .catch(e => done([{id: 'axe-error', help: String(e)}]));""");
        return (List<Map<String, Object>>) result;
    }

    void assertAccessible(String page) throws IOException {
        assertThat(accessibilityViolations()).as("WCAG 2.1 A/AA violations on " + page + " (" + driver.getCurrentUrl() + ")").isEmpty();
        // a label missing from the page's language shows as ??key_nl??: every text the page shows has its translation
        assertThat(java.util.regex.Pattern.compile("\\?\\?[A-Za-z0-9_.-]+_[a-z]{2}\\?\\?").matcher(driver.getPageSource()).results()
                .map(java.util.regex.MatchResult::group).distinct().toList()).as("labels without a translation on " + page).isEmpty();
    }

    /** Whether the page fits the window's width (no horizontal scrolling). */
    boolean fitsWidth() {
        Number scroll = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollWidth;");
        Number client = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.clientWidth;");
        return scroll.intValue() <= client.intValue();
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    void screenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A full-page screenshot (Chromium's DevTools), for long pages. */
    void fullScreenshot(String name) throws IOException {
        Path target = Path.of("target", "screenshots");
        Files.createDirectories(target);
        Number height = (Number) ((JavascriptExecutor) driver).executeScript("return document.documentElement.scrollHeight;");
        Dimension before = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(before.getWidth(), Math.min(6000, height.intValue() + 150)));
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), target.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        driver.manage().window().setSize(before);
    }

    private static synchronized String axe() throws IOException {
        if (axe == null) {
            try (InputStream in = Browser.class.getResourceAsStream("/META-INF/resources/webjars/axe-core/4.6.3/axe.min.js")) {
                assertThat(in).as("axe-core webjar on the test classpath").isNotNull();
                axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return axe;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
