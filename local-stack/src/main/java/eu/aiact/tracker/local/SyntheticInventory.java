package eu.aiact.tracker.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A synthetic inventory with the shape the court of audit reported for central government (seed 000: 433 systems; 120 in use, about
 * 167 experiments, 121 ended experiments, 20 no longer in use; minimal 155, limited 60, high 30, prohibited 2 and neither in use, the
 * rest not yet classified; 73 generative; 22 in the Algoritmeregister; developed internally, purchased or in partnership; nine
 * application categories with knowledge processing and inspection first). Deterministic: the same count gives the same systems.
 */
final class SyntheticInventory {

    static final long SEED = 433L;
    static final List<String> ORGANISATIONS = List.of("Rijksdienst voor Ondernemend Nederland", "Centraal Bureau voor de Statistiek",
            "Kadaster", "Immigratie- en Naturalisatiedienst", "Sociale Verzekeringsbank", "Centraal Justitieel Incassobureau",
            "Nederlandse Voedsel- en Warenautoriteit", "Inspectie Leefomgeving en Transport", "Rijksdienst voor Identiteitsgegevens",
            "Koninklijke Marechaussee", "Dienst Toeslagen", "Rijksvastgoedbedrijf");
    private static final int[] ORGANISATION_WEIGHTS = {14, 12, 10, 10, 9, 8, 8, 7, 6, 6, 6, 4};
    private static final List<String> PURPOSES = List.of("Kennisverwerking", "Inspectie en handhaving", "Interne processen",
            "Dienstverlening", "Beleid en onderzoek", "Communicatie", "Beveiliging", "Fraudebestrijding", "Overig");
    private static final int[] PURPOSE_WEIGHTS = {124, 82, 70, 50, 35, 25, 20, 15, 12};
    private static final List<String> WORDS = List.of("Zoekassistent", "Transcriptie", "Risicomodel", "Documentclassificatie",
            "Beeldherkenning", "Chatbot", "Samenvatter", "Prognosemodel", "Anonimisering", "Vertaalhulp", "Routering", "Signalering");
    private static final List<String> ANNEX_III = List.of("III.1(a)", "III.4(a)", "III.5(a)", "III.5(b)", "III.6(d)", "III.7(a)");

    /** The lifecycle the system ends in: the court of audit's categories. */
    enum Lifecycle { PLANNED, EXPERIMENT, IN_USE, ENDED_EXPERIMENT, ENDED_AFTER_USE }

    /** One synthetic system: what the test expects of it, its registration, then its later steps. */
    record Synthetic(String organisation, String name, Lifecycle lifecycle, String riskClass, String registration,
            List<DemoData.Step> steps) {
    }

    private SyntheticInventory() {
    }

    static List<Synthetic> generate(int count) {
        Random random = new Random(SEED);
        List<Synthetic> systems = new ArrayList<>(count);
        int prohibited = Math.max(count > 0 ? 1 : 0, Math.round(count * 2f / 433f));
        for (int i = 0; i < count; i++) {
            String organisation = ORGANISATIONS.get(pick(random, ORGANISATION_WEIGHTS));
            String purpose = PURPOSES.get(pick(random, PURPOSE_WEIGHTS));
            String name = WORDS.get(random.nextInt(WORDS.size())) + " " + purpose.toLowerCase(Locale.ROOT) + " " + (i + 1);
            Lifecycle lifecycle = i < prohibited ? Lifecycle.ENDED_EXPERIMENT : Lifecycle.values()[pick(random, new int[] {5, 167, 120, 121, 20})];
            String riskClass = i < prohibited ? "PROHIBITED" : List.of("UNKNOWN", "MINIMAL", "LIMITED", "HIGH")
                    .get(pick(random, new int[] {186, 155, 60, 30}));
            boolean generative = random.nextInt(433) < 73;
            String developedBy = List.of("INTERNAL", "PURCHASED", "PARTNERSHIP").get(pick(random, new int[] {45, 40, 15}));
            boolean provider = developedBy.equals("INTERNAL");

            LocalDate start;
            String initialPhase;
            List<DemoData.Step> steps = new ArrayList<>();
            LocalDate serviceOn = null;
            LocalDate endedOn = null;
            switch (lifecycle) {
                case PLANNED -> {
                    initialPhase = "PLANNED";
                    start = date(random, 2025, 2026);
                }
                case EXPERIMENT -> {
                    initialPhase = "EXPERIMENT";
                    start = date(random, 2023, 2026);
                }
                case IN_USE -> {
                    initialPhase = random.nextBoolean() ? "EXPERIMENT" : "IN_USE";
                    start = date(random, 2015, 2025);
                    serviceOn = initialPhase.equals("IN_USE") ? start : start.plusMonths(3 + random.nextInt(9));
                }
                case ENDED_EXPERIMENT -> {
                    initialPhase = "EXPERIMENT";
                    start = date(random, 2019, 2025);
                    endedOn = start.plusMonths(2 + random.nextInt(12));
                }
                default -> {
                    initialPhase = "IN_USE";
                    start = date(random, 2012, 2021);
                    serviceOn = start;
                    endedOn = start.plusYears(1 + random.nextInt(4));
                }
            }
            String registration = """
                    {"organisation":"%s","name":"%s","description":"Synthetic system: %s","purpose":"%s","developedBy":"%s",
                     "generativeAi":%s,"role":"%s","publicAuthority":true,"initialPhase":"%s","effectiveDate":"%s"}"""
                    .formatted(organisation, name, name, purpose, developedBy, generative, provider ? "BOTH" : "DEPLOYER", initialPhase, start);
            if (!riskClass.equals("UNKNOWN")) {
                String basis = switch (riskClass) {
                    case "HIGH" -> "[{\"kind\":\"ANNEX_III_AREA\",\"reference\":\"" + ANNEX_III.get(random.nextInt(ANNEX_III.size())) + "\"}]";
                    case "LIMITED" -> "[{\"kind\":\"ART50_TYPE\",\"reference\":\"50(" + (generative ? 2 : 1) + ")\"}]";
                    case "PROHIBITED" -> "[{\"kind\":\"ART5_PRACTICE\",\"reference\":\"5(1)(f)\"}]";
                    default -> "[]";
                };
                steps.add(new DemoData.Step("/classification", """
                        {"riskClass":"%s","bases":%s,"gpai":"%s","rationale":"Synthetic classification","effectiveDate":"%s"}"""
                        .formatted(riskClass, basis, generative ? "USES_GPAI_MODEL" : "NONE", start)));
            }
            if (random.nextInt(100) < 45) {
                steps.add(new DemoData.Step("/assessments", """
                        {"assessmentId":"dpia","type":"DPIA","status":"%s","effectiveDate":"%s"}"""
                        .formatted(random.nextInt(4) == 0 ? "IN_PROGRESS" : "DONE", start)));
            }
            if (riskClass.equals("HIGH") && random.nextBoolean()) {
                steps.add(new DemoData.Step("/assessments", """
                        {"assessmentId":"iama","type":"IAMA","status":"PLANNED"}"""));
            }
            if ((riskClass.equals("HIGH") || lifecycle == Lifecycle.IN_USE) && random.nextInt(100) < 25) {
                steps.add(new DemoData.Step("/registrations", """
                        {"register":"ALGORITMEREGISTER","category":"%s","registerId":"ar-%d"}"""
                        .formatted(riskClass.equals("HIGH") ? "A" : random.nextBoolean() ? "B" : "C", 10000 + i)));
            }
            if (serviceOn != null && initialPhase.equals("EXPERIMENT")) {
                steps.add(new DemoData.Step("/service", "{\"effectiveDate\":\"" + serviceOn + "\"}"));
            }
            if (endedOn != null) {
                LocalDate latest = LocalDate.of(2026, 6, 30);
                steps.add(new DemoData.Step("/end", """
                        {"effectiveDate":"%s","endReason":"%s"}""".formatted(endedOn.isAfter(latest) ? latest : endedOn,
                        riskClass.equals("PROHIBITED") ? "LEGAL_ADVICE" : List.of("INEFFECTIVE", "NO_CAPACITY", "REPLACED",
                                "NO_LONGER_NEEDED").get(random.nextInt(4)))));
            }
            systems.add(new Synthetic(organisation, name, lifecycle, riskClass, registration, List.copyOf(steps)));
        }
        return systems;
    }

    private static LocalDate date(Random random, int fromYear, int toYear) {
        LocalDate from = LocalDate.of(fromYear, 1, 1);
        LocalDate to = toYear >= 2026 ? LocalDate.of(2026, 3, 31) : LocalDate.of(toYear, 12, 31);
        return from.plusDays(random.nextInt((int) (to.toEpochDay() - from.toEpochDay())));
    }

    private static int pick(Random random, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
