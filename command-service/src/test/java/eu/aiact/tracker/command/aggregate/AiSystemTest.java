package eu.aiact.tracker.command.aggregate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.RegisterAiSystem;

class AiSystemTest {

    private FixtureConfiguration<AiSystem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AiSystem.class);
    }

    @Test
    void registeringAnExperimentRecordsItWithItsOrganisation() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAiSystem("sys-1", "Belastingdienst", "Chatbot", "Answers tax questions", Phase.EXPERIMENT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AiSystemRegistered("sys-1", "Belastingdienst", "Chatbot", "Answers tax questions", Phase.EXPERIMENT));
    }

    @Test
    void registeringASystemInUseTrimsTheTextAndAllowsAMissingDescription() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAiSystem("sys-2", "  UWV ", " Spraakherkenning ", null, Phase.IN_USE))
                .expectEvents(new AiSystemRegistered("sys-2", "UWV", "Spraakherkenning", "", Phase.IN_USE));
    }

    @Test
    void aBlankNameIsRefusedAndNothingIsRecorded() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAiSystem("sys-3", "UWV", "  ", "x", Phase.IN_USE))
                .expectNoEvents()
                .expectException(InvalidCommandException.class)
                .expectExceptionMessage("name is required and may not be blank");
    }

    @Test
    void aMissingOrganisationIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAiSystem("sys-4", null, "Chatbot", "x", Phase.IN_USE))
                .expectNoEvents()
                .expectException(InvalidCommandException.class);
    }

    @Test
    void aMissingInitialPhaseIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new RegisterAiSystem("sys-5", "UWV", "Chatbot", "x", null))
                .expectNoEvents()
                .expectExceptionMessage("initialPhase is required: EXPERIMENT or IN_USE");
    }
}
