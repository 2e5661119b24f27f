package eu.aiact.tracker.query.rulebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.domain.rulebook.InvalidRulebookException;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/** The query service's Spring wiring of the domain's rulebooks and engine (the loader itself is tested in the domain module). */
class RulebookConfigurationTest {

    private static final String UNKNOWN_FIELD = """
            id: bad-unknown-field
            title: "Malformed: unknown-field"
            kind: EU
            legalSource: "Test"
            inForceFrom: 2024-08-01
            milestones:
              - id: literacy
                date: 2025-02-02
                source: "Test, Art 113(a)"
            rules:
              - code: ART4-LITERACY
                title: "Literacy"
                article: "Art. 4"
                bearer: ORGANISATION
                requirement: "Literacy"
                due: literacy
                deadline: 2025-02-02
            """;

    @Test
    void springConfigurationLoadsTheRulebooksAndTheEngine() {
        new ApplicationContextRunner().withUserConfiguration(RulebookConfiguration.class)
                .withPropertyValues("tracker.obligations.due-soon-days=30")
                .run(context -> {
                    assertTrue(context.getBean(Rulebooks.class).byId("ai-act-2026-omnibus").isPresent());
                    assertEquals(30, context.getBean(ObligationEngine.class).dueSoonDays());
                });
    }

    @Test
    void aBadFileInTheExtraDirectoryStopsTheApplication() throws Exception {
        Path dir = Files.createTempDirectory("rulebooks");
        Files.writeString(dir.resolve("unknown-field.yaml"), UNKNOWN_FIELD);
        new ApplicationContextRunner().withUserConfiguration(RulebookConfiguration.class)
                .withPropertyValues("tracker.rulebooks.extra-dir=" + dir)
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    while (failure != null && !(failure instanceof InvalidRulebookException)) {
                        failure = failure.getCause();
                    }
                    assertTrue(failure != null && failure.getMessage().contains("unknown-field.yaml")
                            && failure.getMessage().contains("rule ART4-LITERACY"), String.valueOf(context.getStartupFailure()));
                });
    }

}
