package eu.aiact.tracker.domain.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * Times the obligation engine: builds N varied synthetic systems up front (every risk class, role and phase; legacy and new; Annex X;
 * GPAI; significant modifications; assessments, registrations, evidence), warms up, then evaluates all of them under the rulebooks in
 * force on the date given (default today), on one thread and then on all cores. Run: {@code ./mvnw -B -q -pl query-service -am -Pbench
 * -DskipTests test} (optional {@code -Dbench.systems=1000000 -Dbench.asOf=2027-01-01}).
 */
public final class ObligationEngineBenchmark {

    private ObligationEngineBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.getInteger("bench.systems", 1_000_000);
        String asOfText = System.getProperty("bench.asOf", "");
        LocalDate asOf = asOfText.isBlank() ? LocalDate.now() : LocalDate.parse(asOfText);
        Rulebooks rulebooks = new RulebookLoader().loadAll(null);
        ApplicableRulebooks applicable = rulebooks.inForceOn(asOf);
        ObligationEngine engine = new ObligationEngine(ObligationEngine.DEFAULT_DUE_SOON_DAYS);

        long t0 = System.nanoTime();
        List<SystemFacts> systems = build(n, new SplittableRandom(42));
        System.out.printf("built %,d systems in %.2f s; rulebooks in force on %s: %s%n", n, (System.nanoTime() - t0) / 1e9, asOf, applicable);

        for (int round = 0; round < 3; round++) { // warm-up
            int limit = Math.min(n, 200_000);
            long sink = 0;
            for (int i = 0; i < limit; i++) {
                sink += engine.evaluate(systems.get(i), applicable, asOf).size();
            }
            if (sink < 0) {
                System.out.println(sink);
            }
        }

        long start = System.nanoTime();
        long obligations = 0;
        for (SystemFacts facts : systems) {
            obligations += engine.evaluate(facts, applicable, asOf).size();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String single = String.format("single thread: %,d systems in %.3f s = %,.0f systems/s; %,d obligations produced (%.2f per system)",
                n, seconds, n / seconds, obligations, (double) obligations / n);
        System.out.println(single);

        int cores = Runtime.getRuntime().availableProcessors();
        LongAdder total = new LongAdder();
        start = System.nanoTime();
        IntStream.range(0, n).parallel().forEach(i -> total.add(engine.evaluate(systems.get(i), applicable, asOf).size()));
        seconds = (System.nanoTime() - start) / 1e9;
        String parallel = String.format("parallel (%d cores): %,d systems in %.3f s = %,.0f systems/s; %,d obligations produced", cores, n,
                seconds, n / seconds, total.sum());
        System.out.println(parallel);
        report(single, parallel);
    }

    /** Also writes the figures to the file named by {@code bench.report}, when set, for the pipeline benchmark's summary (module bench). */
    private static void report(String... lines) {
        String file = System.getProperty("bench.report", "");
        if (!file.isBlank()) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(file), List.of(lines));
            } catch (java.io.IOException e) {
                System.out.println("could not write " + file + ": " + e.getMessage());
            }
        }
    }

    static List<SystemFacts> build(int n, SplittableRandom random) {
        RiskClass[] classes = RiskClass.values();
        Role[] roles = {Role.DEPLOYER, Role.DEPLOYER, Role.DEPLOYER, Role.PROVIDER, Role.BOTH, null};
        Phase[] phases = Phase.values();
        GpaiRelation[] gpai = GpaiRelation.values();
        LocalDate base = LocalDate.of(2022, 1, 1);
        List<SystemFacts> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            RiskClass riskClass = classes[random.nextInt(classes.length)];
            Phase phase = phases[random.nextInt(phases.length)];
            LocalDate registered = base.plusDays(random.nextInt(365 * 3));
            LocalDate experiment = phase == Phase.PLANNED ? null : registered.plusDays(random.nextInt(120));
            LocalDate inService = (phase == Phase.IN_USE || (phase == Phase.ENDED && random.nextBoolean()))
                    ? registered.plusDays(random.nextInt(365 * 6)) : null;
            LocalDate ended = phase == Phase.ENDED ? (inService != null ? inService : registered).plusDays(1 + random.nextInt(900)) : null;
            List<ClassificationBasis> bases = new ArrayList<>(2);
            if (riskClass == RiskClass.PROHIBITED) {
                bases.add(new ClassificationBasis(BasisKind.ART5_PRACTICE, random.nextInt(5) == 0 ? "5(1)(i)" : "5(1)(f)"));
            } else if (riskClass == RiskClass.HIGH) {
                bases.add(random.nextInt(4) == 0 ? new ClassificationBasis(BasisKind.ANNEX_I_PRODUCT, "Regulation (EU) 2017/745")
                        : new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.5(a)"));
            } else if (riskClass == RiskClass.LIMITED) {
                bases.add(new ClassificationBasis(BasisKind.ART50_TYPE, "50(" + (1 + random.nextInt(4)) + ")"));
            } else if (riskClass == RiskClass.MINIMAL && random.nextInt(10) == 0) {
                bases.add(new ClassificationBasis(BasisKind.ANNEX_III_AREA, "III.4(a)"));
                bases.add(new ClassificationBasis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)"));
            }
            List<LocalDate> modifications = random.nextInt(5) == 0 ? List.of(registered.plusDays(random.nextInt(365 * 7))) : List.of();
            List<SystemFacts.Assessment> assessments = random.nextInt(3) == 0
                    ? List.of(new SystemFacts.Assessment("a" + i, AssessmentType.values()[random.nextInt(AssessmentType.values().length)],
                            AssessmentStatus.values()[random.nextInt(3)], registered.plusDays(random.nextInt(600))))
                    : List.of();
            List<SystemFacts.Registration> registrations = random.nextInt(4) == 0
                    ? List.of(new SystemFacts.Registration(random.nextBoolean() ? PublicRegister.ALGORITMEREGISTER : PublicRegister.EU_DATABASE,
                            AlgoritmeregisterCategory.A, "r" + i, registered.plusDays(random.nextInt(900))))
                    : List.of();
            Map<String, SystemFacts.Evidence> evidence = random.nextInt(6) == 0
                    ? Map.of("ART4-LITERACY", new SystemFacts.Evidence(EvidenceKind.FULFILLED, "Training", "doc", registered.plusDays(30)))
                    : Map.of();
            out.add(new SystemFacts("s" + i, "org" + (i % 70), roles[random.nextInt(roles.length)], random.nextInt(5) != 0,
                    random.nextInt(4) == 0, phase, random.nextInt(20) == 0, registered, experiment, inService, ended, riskClass,
                    List.copyOf(bases), random.nextInt(30) == 0, gpai[random.nextInt(gpai.length)], modifications, assessments,
                    registrations, evidence));
        }
        return out;
    }
}
