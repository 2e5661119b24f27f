package eu.aiact.tracker.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records a small demo inventory through the command service's public API, once per data folder (a marker file remembers it). The
 * systems are modelled on the kinds of system the national court of audit found in central government (seed 000): mostly minimal risk,
 * a few high-risk ones used by public authorities since before the AI Act, generative assistants in experiment, and a prohibited
 * experiment that was stopped. Beside them, a synthetic inventory of a few hundred systems with the mix of phases and classes the court
 * of audit reported ({@link SyntheticInventory}).
 */
final class DemoData {

    /** The development user the demo is recorded as: the central CIO office, which may register systems for every organisation. */
    static final String LOADER = "cio-rijk";
    private static final Pattern ORGANISATION = Pattern.compile("\"organisation\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

    /** A system: its registration, then its later steps. */
    private record DemoSystem(String registration, List<Step> steps) {
    }

    /** A command on a registered system: the path below /api/systems/{id}, and the body. */
    record Step(String path, String body) {
    }

    private static final List<DemoSystem> SYSTEMS = List.of(
            new DemoSystem("""
                    {"organisation":"Ministerie van Infrastructuur en Waterstaat","name":"Dijkinspectie beeldherkenning",
                     "description":"Detects damage on dike photographs","purpose":"Infrastructure inspection","developedBy":"INTERNAL",
                     "generativeAi":false,"role":"PROVIDER","publicAuthority":true,"initialPhase":"IN_USE","effectiveDate":"2021-03-01"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"MINIMAL","rationale":"Supports inspectors; no decisions about people"}"""),
                            new Step("/assessments", """
                            {"type":"PRE_SCAN","status":"DONE","effectiveDate":"2021-01-15","reference":"IenW/AI/2021-03"}"""))),
            new DemoSystem("""
                    {"organisation":"Ministerie van Infrastructuur en Waterstaat","name":"Verkeersprognose",
                     "description":"Predicts traffic flows for road maintenance planning","purpose":"Planning","developedBy":"PARTNERSHIP",
                     "supplier":"TNO","generativeAi":false,"role":"DEPLOYER","publicAuthority":true,"initialPhase":"EXPERIMENT",
                     "effectiveDate":"2025-09-01"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"MINIMAL","rationale":"Aggregated traffic data only"}"""))),
            new DemoSystem("""
                    {"organisation":"Belastingdienst","name":"Chatbot belastingvragen",
                     "description":"Generative assistant that answers citizens' tax questions","purpose":"Public information",
                     "developedBy":"PURCHASED","supplier":"Example Cloud","model":"general-purpose LLM","generativeAi":true,
                     "role":"DEPLOYER","publicAuthority":true,"initialPhase":"EXPERIMENT","effectiveDate":"2025-05-01"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"LIMITED","bases":[{"kind":"ART50_TYPE","reference":"50(1)"}],"gpai":"USES_GPAI_MODEL",
                             "rationale":"Interacts with citizens: they must be told they talk to an AI system"}"""),
                            new Step("/assessments", """
                            {"type":"DPIA","status":"IN_PROGRESS","effectiveDate":"2025-04-01"}"""))),
            new DemoSystem("""
                    {"organisation":"Belastingdienst","name":"Documentclassificatie","description":"Sorts incoming letters by subject",
                     "purpose":"Case handling","developedBy":"INTERNAL","generativeAi":false,"role":"PROVIDER","publicAuthority":true,
                     "initialPhase":"IN_USE","effectiveDate":"2020-01-15"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"MINIMAL","rationale":"Routing only; a civil servant handles every letter"}"""))),
            new DemoSystem("""
                    {"organisation":"Dienst Uitvoering Onderwijs","name":"Risicoprofiel studiefinanciering",
                     "description":"Scores student finance applications for checks at home","purpose":"Fraud detection",
                     "developedBy":"INTERNAL","generativeAi":false,"role":"BOTH","publicAuthority":true,"initialPhase":"IN_USE",
                     "effectiveDate":"2019-09-01"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],
                             "rationale":"Evaluates eligibility for public assistance benefits (Annex III 5(a))"}"""),
                            new Step("/pause", """
                            {"effectiveDate":"2023-06-21","reason":"Suspended after reports of indirect discrimination"}"""),
                            new Step("/assessments", """
                            {"type":"IAMA","status":"PLANNED","effectiveDate":"2027-03-01"}"""),
                            new Step("/registrations", """
                            {"register":"ALGORITMEREGISTER","category":"A","registerId":"duo-risk-2024"}"""))),
            new DemoSystem("""
                    {"organisation":"Uitvoeringsinstituut Werknemersverzekeringen","name":"Spraakherkenning klantcontact",
                     "description":"Transcribes phone calls with clients","purpose":"Customer contact","developedBy":"PURCHASED",
                     "supplier":"Acme Speech","model":"ASR v4","generativeAi":false,"role":"DEPLOYER","publicAuthority":true,
                     "initialPhase":"PLANNED","effectiveDate":"2024-01-10"}""",
                    List.of(new Step("/experiment", """
                            {"effectiveDate":"2024-03-01"}"""),
                            new Step("/assessments", """
                            {"type":"DPIA","status":"DONE","effectiveDate":"2024-05-01","reference":"UWV/DPIA/2024-11"}"""),
                            new Step("/service", """
                            {"effectiveDate":"2024-09-01"}"""),
                            new Step("/classification", """
                            {"riskClass":"MINIMAL","rationale":"Transcription for the employee's own notes"}"""))),
            new DemoSystem("""
                    {"organisation":"Uitvoeringsinstituut Werknemersverzekeringen","name":"Toekenningsadvies WW",
                     "description":"Advises on unemployment benefit applications","purpose":"Benefit decisions","developedBy":"PURCHASED",
                     "supplier":"Acme Decisions","generativeAi":false,"role":"DEPLOYER","publicAuthority":true,
                     "initialPhase":"EXPERIMENT","effectiveDate":"2026-02-01"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"HIGH","bases":[{"kind":"ANNEX_III_AREA","reference":"III.5(a)"}],
                             "rationale":"Assists decisions on access to public benefits (Annex III 5(a))"}"""),
                            new Step("/assessments", """
                            {"type":"FRIA","status":"DONE","effectiveDate":"2026-06-15","reference":"UWV/FRIA/2026-02"}"""),
                            new Step("/registrations", """
                            {"register":"EU_DATABASE","registerId":"EU-HR-2026-000123"}"""),
                            new Step("/service", """
                            {"effectiveDate":"2026-09-01"}"""))),
            new DemoSystem("""
                    {"organisation":"Ministerie van Binnenlandse Zaken","name":"Emotieherkenning sollicitatiegesprekken",
                     "description":"Reads candidates' emotions in video interviews","purpose":"Recruitment","developedBy":"PURCHASED",
                     "supplier":"HR Vision","generativeAi":false,"role":"DEPLOYER","publicAuthority":true,"initialPhase":"EXPERIMENT",
                     "effectiveDate":"2024-03-01"}""",
                    List.of(new Step("/classification", """
                            {"riskClass":"PROHIBITED","bases":[{"kind":"ART5_PRACTICE","reference":"5(1)(f)"}],
                             "rationale":"Emotion recognition in the workplace is prohibited (Art 5(1)(f))"}"""),
                            new Step("/end", """
                            {"effectiveDate":"2024-11-01","endReason":"LEGAL_ADVICE","explanation":"Prohibited from 2 February 2025"}"""))));

    private DemoData() {
    }

    /** How many synthetic systems the launcher loads besides the 8 hand-written ones (option {@code --demo-systems N}). */
    static final int DEFAULT_SYNTHETIC = 300;
    private static final int PARALLEL = 8;

    /**
     * Records the 8 hand-written systems and {@code synthetic} systems of {@link SyntheticInventory}, once per data folder; returns how
     * many systems it recorded (0 when the folder had them already). The systems go in parallel, each system's commands in order.
     */
    static int loadOnce(String commandServiceUrl, Path dataDirectory, int synthetic, String token) throws IOException, InterruptedException {
        Path marker = dataDirectory.resolve("demo-data-loaded");
        if (Files.exists(marker)) {
            return 0;
        }
        HttpClient http = HttpClient.newHttpClient();
        List<Callable<Void>> work = new ArrayList<>();
        for (int i = 0; i < SYSTEMS.size(); i++) {
            DemoSystem system = SYSTEMS.get(i);
            String key = "demo-" + i;
            work.add(() -> record(http, commandServiceUrl, token, key, system.registration(), system.steps()));
        }
        List<SyntheticInventory.Synthetic> generated = SyntheticInventory.generate(synthetic);
        for (int i = 0; i < generated.size(); i++) {
            SyntheticInventory.Synthetic system = generated.get(i);
            String key = "demo-synthetic-" + SyntheticInventory.SEED + "-" + i;
            work.add(() -> record(http, commandServiceUrl, token, key, system.registration(), system.steps()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        try {
            for (Future<Void> done : pool.invokeAll(work)) {
                try {
                    done.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("Demo data refused: " + e.getCause().getMessage(), e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Files.writeString(marker, Instant.now() + "\n");
        return work.size();
    }

    /**
     * Every organisation the local stack knows of: those of the hand-written demo systems and of the synthetic inventory, those in the
     * sample inventory CSV, and those the development users are granted (the README's walk-through organisation, Gemeente Utrecht, too).
     */
    static java.util.Set<String> organisations() throws IOException {
        java.util.Set<String> organisations = new java.util.TreeSet<>();
        for (DemoSystem system : SYSTEMS) {
            Matcher organisation = ORGANISATION.matcher(system.registration());
            if (organisation.find()) {
                organisations.add(organisation.group(1));
            }
        }
        organisations.addAll(SyntheticInventory.ORGANISATIONS);
        try (java.io.InputStream in = DemoData.class.getResourceAsStream("/demo/inventory-sample.csv")) {
            String[] lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\r?\n");
            for (int i = 1; i < lines.length; i++) {
                String first = lines[i].split(",", 2)[0].strip();
                if (!first.isEmpty()) {
                    organisations.add(first);
                }
            }
        }
        for (List<String> roles : LocalStack.developmentUsers().values()) {
            for (String role : roles) {
                int colon = role.indexOf(':');
                if (colon > 0 && !role.substring(colon + 1).equals("*")) {
                    organisations.add(role.substring(colon + 1));
                }
            }
        }
        return organisations;
    }

    /**
     * Gives every organisation of the local stack ({@link #organisations()}) alert recipients in the notifier: a CIO office and a
     * reviewer address (mails land in the local mail server, logs/mail.log) and the local webhook receiver with its shared secret
     * (logs/webhook.log). Idempotent: run at every start.
     */
    static int configureRecipients(String notifierUrl, String webhookUrl, String token) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        java.util.Set<String> organisations = organisations();
        for (String organisation : organisations) {
            String mailbox = organisation.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
            String body = """
                    {"cioOffice":"cio@%s.example.nl","reviewers":["review@%s.example.nl"],"webhookUrl":"%s","webhookSecret":"%s",
                     "digest":false}""".formatted(mailbox, mailbox, webhookUrl, LocalWebhook.SECRET);
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(notifierUrl + "/api/organisations/"
                    + java.net.URLEncoder.encode(organisation, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20") + "/recipients"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Recipients of " + organisation + " refused: " + response.statusCode() + " " + response.body());
            }
        }
        return organisations.size();
    }

    /** One system's registration and steps, each under an idempotency key, so that a load cut short can simply run again. */
    private static Void record(HttpClient http, String url, String token, String key, String registration, List<Step> steps)
            throws IOException, InterruptedException {
        String created = post(http, url + "/api/systems", token, key + "-register", registration, 201);
        Matcher id = ID.matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("No id in the registration's answer: " + created);
        }
        for (int s = 0; s < steps.size(); s++) {
            Step step = steps.get(s);
            post(http, url + "/api/systems/" + id.group(1) + step.path(), token, key + "-" + s, step.body(), 200);
        }
        return null;
    }

    private static String post(HttpClient http, String url, String token, String key, String body, int expected)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected && !(expected == 201 && response.statusCode() == 200)) {
            throw new IllegalStateException("Demo step " + url + " refused: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
