package eu.aiact.tracker.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.aiact.tracker.command.rulebook.RulebookApplicability;
import eu.aiact.tracker.command.rulebook.RulebookApplicabilityProperties;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.Rulebooks;
import eu.aiact.tracker.infra.TestInfrastructure;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command service records by itself, as events, that the rulebook versions whose date has come became applicable: each once, in
 * date order, with itself as the actor; a later check (a restart, another instance) records nothing again.
 */
@SpringBootTest
class RulebookApplicabilityIT {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Rulebooks rulebooks;
    @Autowired
    private JsonMapper json;
    @Autowired
    private CommandGateway commands;
    @Autowired
    private RulebookApplicabilityProperties properties;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.get().springProperties("command_rulebook_it").forEach((name, value) -> registry.add(name, () -> value));
        registry.add("tracker.publisher.topic", () -> "it-command-rulebook-events");
        registry.add("tracker.rulebooks.enabled", () -> "true");
    }

    @Test
    void everyVersionInForceIsRecordedOnceInDateOrderByTheCommandService() throws Exception {
        List<String> due = rulebooks.all().stream().filter(r -> !r.inForceFrom().isAfter(LocalDate.now())).map(Rulebook::id).toList();
        assertThat(due).contains("ai-act-2024", "ai-act-2026-omnibus", "nl-national-commitments");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (recorded().size() < due.size() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(recorded()).as("in the order of their in-force dates").containsExactlyElementsOf(due);
        List<String> metadata = jdbc.queryForList("""
                SELECT convert_from(metadata, 'UTF8') FROM domainevententry WHERE type = 'RulebookVersion' ORDER BY globalindex""",
                String.class);
        assertThat(metadata).allSatisfy(m -> {
            assertThat(json.readTree(m).get("actor").asString()).isEqualTo(RulebookApplicability.ACTOR);
            assertThat(json.readTree(m).get("reason").asString()).startsWith("In force from ");
        });

        // as after a restart, or on another instance: what the event store holds is not recorded again
        RulebookApplicability restarted = new RulebookApplicability(rulebooks, commands, jdbc, properties, Clock.systemDefaultZone());
        RulebookApplicability.Outcome again = restarted.check();
        assertThat(again.recorded()).isEmpty();
        assertThat(again.failed()).isEmpty();
        assertThat(recorded()).hasSize(due.size());
    }

    private List<String> recorded() {
        return jdbc.queryForList("SELECT aggregateidentifier FROM domainevententry WHERE type = 'RulebookVersion' ORDER BY globalindex",
                String.class);
    }
}
