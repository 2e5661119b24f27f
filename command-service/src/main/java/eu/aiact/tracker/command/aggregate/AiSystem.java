package eu.aiact.tracker.command.aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.RegisterAiSystem;

/** One AI system in an organisation's inventory, rebuilt from its events. */
@Aggregate
public class AiSystem {

    @AggregateIdentifier
    private String systemId;
    private String organisation;
    private Phase phase;

    protected AiSystem() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public AiSystem(RegisterAiSystem command) {
        requireText("systemId", command.systemId());
        requireText("organisation", command.organisation());
        requireText("name", command.name());
        if (command.initialPhase() == null) {
            throw new InvalidCommandException("initialPhase", "initialPhase is required: EXPERIMENT or IN_USE");
        }
        apply(new AiSystemRegistered(command.systemId(), command.organisation().strip(), command.name().strip(),
                command.description() == null ? "" : command.description().strip(), command.initialPhase()));
    }

    @EventSourcingHandler
    void on(AiSystemRegistered event) {
        this.systemId = event.systemId();
        this.organisation = event.organisation();
        this.phase = event.phase();
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidCommandException(field, field + " is required and may not be blank");
        }
    }
}
