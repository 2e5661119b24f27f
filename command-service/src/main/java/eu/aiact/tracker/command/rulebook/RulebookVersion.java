package eu.aiact.tracker.command.rulebook;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.spring.stereotype.Aggregate;

import eu.aiact.tracker.api.rulebook.ApplyRulebookVersion;
import eu.aiact.tracker.api.rulebook.DeadlinesMoved;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.domain.system.InvalidCommandException;

/** One rulebook version's place in the history: it exists once it became applicable, and it becomes applicable once. */
@Aggregate
public class RulebookVersion {

    @AggregateIdentifier
    private String versionId;

    protected RulebookVersion() {
        // for Axon
    }

    /**
     * Records that the version became applicable and, in the same unit of work, what it moved ({@link DeadlineMoveDecider}): both or
     * neither are stored.
     */
    @CommandHandler
    public RulebookVersion(ApplyRulebookVersion command, DeadlineMoveDecider moves) {
        if (command.versionId() == null || !command.versionId().matches("[a-z0-9][a-z0-9.-]{0,99}")) {
            throw new InvalidCommandException("versionId", "versionId must be 1 to 100 lower-case letters, digits, dots and dashes");
        }
        if (command.inForceFrom() == null) {
            throw new InvalidCommandException("inForceFrom", "inForceFrom is required");
        }
        if (command.title() == null || command.title().isBlank() || command.legalSource() == null || command.legalSource().isBlank()) {
            throw new InvalidCommandException("legalSource", "title and legalSource are required");
        }
        AggregateLifecycle.apply(new RulebookVersionApplied(command.versionId(), command.title().strip(), command.legalSource().strip(),
                command.inForceFrom(), true));
        for (DeadlinesMoved moved : moves.decide(command.versionId(), command.inForceFrom())) {
            AggregateLifecycle.apply(moved);
        }
    }

    @EventSourcingHandler
    void on(RulebookVersionApplied event) {
        this.versionId = event.versionId();
    }
}
