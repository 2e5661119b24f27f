package eu.aiact.tracker.webapp;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import eu.aiact.tracker.infra.FreePorts;
import eu.aiact.tracker.local.LocalStack;
import eu.aiact.tracker.local.StackPorts;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole system as {@code ./run-local.sh} runs it (PostgreSQL, Kafka, the development issuer, the three services and the web
 * application, each service in its own JVM from its jar), on free ports, once per test JVM: every web test class shares it.
 */
final class WebStack {

    private static LocalStack stack;
    static final JsonMapper JSON = JsonMapper.builder().build();

    private WebStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path data = Files.createTempDirectory("web-stack-");
                StackPorts ports = new StackPorts(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next(),
                        FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
                LocalStack starting = new LocalStack(data, Path.of(System.getProperty("aiact.services.dir", "target/services")), ports)
                        .withWeb(Path.of(System.getProperty("aiact.web.jar", "target/web.jar")))
                        .withNotifierArguments("--tracker.notifier.sweep-initial-delay=PT1H", "--tracker.notifier.sweep-interval=PT1H");
                try {
                    stack = starting.start();
                } catch (IOException | RuntimeException | InterruptedException failed) {
                    // what did start (PostgreSQL, Kafka, some services) must not outlive the test JVM
                    starting.close();
                    throw failed;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LocalStack started = stack;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
            }, "web-stack-stop"));
        }
        return stack;
    }

    /** An API call with a development user's token. */
    static HttpResponse<String> api(String method, String url, String user, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + get().token(user));
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    /** Registers a system through the API and waits until the query service shows it; answers its id. */
    static String registerSystem(String user, String organisation, String name, String extra) throws InterruptedException {
        HttpResponse<String> created = api("POST", get().commandServiceUrl() + "/api/systems", user,
                "{\"organisation\":\"" + organisation + "\",\"name\":\"" + name + "\",\"initialPhase\":\"IN_USE\",\"publicAuthority\":true,"
                        + "\"role\":\"DEPLOYER\",\"effectiveDate\":\"2024-03-01\"" + (extra == null ? "" : "," + extra) + "}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException(created.body());
        }
        String id = json(created).get("id").asString();
        awaitVersion(id, 0);
        return id;
    }

    /** Waits until the query service shows the system at this version or later. */
    static void awaitVersion(String id, long version) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> system = api("GET", get().queryServiceUrl() + "/api/systems/" + id, "auditor-rekenkamer", null);
            if (system.statusCode() == 200 && json(system).get("version").asLong() >= version) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("System " + id + " did not reach version " + version);
    }

    /**
     * A browser-like HTTP client signed in to the web application as the user: it follows the OpenID Connect code flow through the
     * development issuer's login page, keeping the session cookie.
     */
    static HttpClient signedIn(String user) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
                .followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(5)).build();
        try {
            HttpResponse<String> login = http.send(HttpRequest.newBuilder(URI.create(get().webUrl() + "/")).header("Accept", "text/html").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            URI page = login.uri();
            if (!page.getPath().equals("/authorize")) {
                throw new IllegalStateException("Expected the issuer's login page, got " + page + ": " + login.body());
            }
            StringBuilder form = new StringBuilder();
            Matcher hidden = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(login.body());
            while (hidden.find()) {
                form.append(hidden.group(1)).append('=').append(URLEncoder.encode(unescape(hidden.group(2)), StandardCharsets.UTF_8)).append('&');
            }
            form.append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
            HttpResponse<String> back = http.send(HttpRequest.newBuilder(page.resolve("/authorize"))
                    .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                    .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (!back.uri().toString().startsWith(get().webUrl())) {
                throw new IllegalStateException("Not back at the web application: " + back.uri() + " " + back.statusCode());
            }
            return http;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> page(HttpClient http, String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(get().webUrl() + path)).header("Accept-Language", "nl").header("Accept", "text/html")
                    .GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
