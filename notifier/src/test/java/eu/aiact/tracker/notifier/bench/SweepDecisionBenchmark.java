package eu.aiact.tracker.notifier.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.notifier.alert.AlertDecider;
import eu.aiact.tracker.notifier.tracking.TrackedObligation;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;

/**
 * Times the sweep's decision over 1,000,000 tracked obligations (250,000 systems of 4), built up front with a fixed seed: which alerts
 * are due on a date, with every field. The database part of a sweep (reading the tracked obligations, inserting the new alerts) is not
 * in this figure. Not a test: {@code ./mvnw -B -q -pl notifier -am -Pbench -DskipTests test}. Prints its figures; asserts nothing.
 */
public final class SweepDecisionBenchmark {

    private SweepDecisionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int systems = Integer.getInteger("bench.systems", 250_000);
        LocalDate today = LocalDate.parse(System.getProperty("bench.asOf", LocalDate.now().toString()));
        AlertDecider decider = new AlertDecider(List.of(180, 90, 30, 7, 1), 7, 12, "http://127.0.0.1:8082/dashboard/systems/{id}");
        List<TrackedSystem> tracked = build(systems, new SplittableRandom(20261123L), today);
        long obligations = tracked.stream().mapToLong(s -> s.obligations().size()).sum();
        for (int warm = 0; warm < 2; warm++) {
            decideAll(decider, tracked, today);
        }
        long start = System.nanoTime();
        long alerts = decideAll(decider, tracked, today);
        double seconds = (System.nanoTime() - start) / 1e9;
        String line = String.format("sweep decision (no database): %,d obligations of %,d systems in %.3f s = %,.0f obligations/s; %,d alerts due",
                obligations, systems, seconds, obligations / seconds, alerts);
        System.out.println(line);
        String report = System.getProperty("bench.report", "");
        if (!report.isBlank()) {
            java.nio.file.Files.write(java.nio.file.Path.of(report), List.of(line));
        }
    }

    private static long decideAll(AlertDecider decider, List<TrackedSystem> tracked, LocalDate today) {
        long alerts = 0;
        for (TrackedSystem system : tracked) {
            alerts += decider.decide(system, today).size();
        }
        return alerts;
    }

    private static List<TrackedSystem> build(int systems, SplittableRandom random, LocalDate today) {
        Phase[] phases = {Phase.PLANNED, Phase.EXPERIMENT, Phase.EXPERIMENT, Phase.IN_USE, Phase.IN_USE, Phase.ENDED};
        RiskClass[] classes = RiskClass.values();
        ObligationStatus[] statuses = ObligationStatus.values();
        String[] codes = {"ART4-LITERACY", "ART26-DEPLOYER-DUTIES", "ART27-FRIA", "ART49-3-REGISTRATION", "ART50-1-INTERACTION",
                "ART5-PROHIBITION", "NL-ALGORITMEREGISTER-HIGH-RISK"};
        List<TrackedSystem> tracked = new ArrayList<>(systems);
        for (int i = 0; i < systems; i++) {
            Phase phase = phases[random.nextInt(phases.length)];
            List<TrackedObligation> obligations = new ArrayList<>(4);
            for (int k = 0; k < 4; k++) {
                LocalDate due = today.plusDays(random.nextInt(-900, 1500));
                obligations.add(new TrackedObligation(codes[random.nextInt(codes.length)] + (k == 0 ? "" : "-" + k), "Obligation " + k,
                        "Art. " + (4 + k), "DEPLOYER", due, statuses[random.nextInt(statuses.length)], "ai-act-2026-omnibus",
                        "Applies because ...", "Regulation (EU) 2024/1689"));
            }
            tracked.add(new TrackedSystem("system-" + i, "Organisation " + (i % 70), "System " + i, phase, random.nextInt(20) == 0,
                    classes[random.nextInt(classes.length)], today.minusDays(random.nextInt(900)), today.minusDays(random.nextInt(2000)),
                    phase == Phase.ENDED ? today.minusDays(random.nextInt(300)) : null, java.time.Instant.now(), obligations));
        }
        return tracked;
    }
}
