package eu.aiact.tracker.command.aggregate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Objects;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.spring.stereotype.Aggregate;

import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordObligationEvidence;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectFact;
import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.PauseSystem;
import eu.aiact.tracker.api.system.PutIntoService;
import eu.aiact.tracker.api.system.RecordSignificantModification;
import eu.aiact.tracker.api.system.RegisterAiSystem;
import eu.aiact.tracker.api.system.ResumeSystem;
import eu.aiact.tracker.api.system.StartExperiment;
import eu.aiact.tracker.domain.obligation.ObligationCodes;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.domain.system.AiSystemRules;
import eu.aiact.tracker.web.security.AccessRefusedException;

/**
 * One AI system in an organisation's inventory, as Axon keeps it: its events folded by the domain's {@link AiSystemRecord}, each command
 * decided by the domain's {@link AiSystemRules} on that record and today's date. This class adds what only the command side has: the
 * organisation check of the caller, the expected-version check, and storing the decided event with the system's organisation in its
 * metadata.
 * <p>
 * Every command handler answers with the aggregate's version after the command, for the caller's next expected version.
 */
@Aggregate(cache = AggregateCacheConfiguration.AI_SYSTEMS)
public class AiSystem {

    /** Command metadata: the organisations whose systems the sender may change (a collection of names, {@code *} for all). */
    public static final String WRITABLE_ORGANISATIONS = "writableOrganisations";

    private static final AiSystemRules RULES = new AiSystemRules();

    @AggregateIdentifier
    private String systemId;
    private AiSystemRecord record = new AiSystemRecord();

    protected AiSystem() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public AiSystem(RegisterAiSystem command, Clock clock) {
        AiSystemRegistered event = RULES.register(command, today(clock));
        AggregateLifecycle.apply(event, MetaData.with("organisation", event.organisation()));
    }

    /**
     * A command that names an expected version older than the aggregate's is refused before its own rules are checked: the caller decided
     * on facts that have since changed. Without an expected version Axon gives a resolver that never finds a conflict.
     */
    @CommandHandlerInterceptor
    void guard(CommandMessage<?> command, ConflictResolver conflicts) {
        refuseOtherOrganisations(command.getMetaData().get(WRITABLE_ORGANISATIONS));
        conflicts.detectConflicts(unseenEvents -> !unseenEvents.isEmpty());
    }

    /**
     * Commands sent on behalf of an authenticated caller carry the organisations it may change ({@code *}: all); a system of another
     * organisation is refused before anything else is checked, so the answer tells nothing about the system.
     */
    private void refuseOtherOrganisations(Object writable) {
        if (writable instanceof Collection<?> organisations && !organisations.contains("*")
                && !organisations.contains(record.organisation())) {
            throw new AccessRefusedException("Your roles do not allow changing AI systems for this organisation");
        }
    }

    @CommandHandler
    public long handle(StartExperiment command, Clock clock) {
        return apply(RULES.startExperiment(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(PutIntoService command, Clock clock) {
        return apply(RULES.putIntoService(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(PauseSystem command, Clock clock) {
        return apply(RULES.pause(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(ResumeSystem command, Clock clock) {
        return apply(RULES.resume(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(EndSystem command, Clock clock) {
        return apply(RULES.end(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(ClassifyRisk command, Clock clock) {
        return apply(RULES.classify(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(RecordSignificantModification command, Clock clock) {
        return apply(RULES.recordModification(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(RecordAssessment command, Clock clock) {
        return apply(RULES.recordAssessment(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(RecordPublicRegistration command, Clock clock) {
        return apply(RULES.recordRegistration(record, command, today(clock)));
    }

    @CommandHandler
    public long handle(RecordObligationEvidence command, Clock clock, ObligationCodes codes) {
        return apply(RULES.recordEvidence(record, command, today(clock), codes));
    }

    @CommandHandler
    public long handle(CorrectFact command, Clock clock) {
        return apply(RULES.correct(record, command, today(clock)));
    }

    /** Every event of the system, folded by the domain's one fold. */
    @EventSourcingHandler
    void on(Object event, @SequenceNumber long sequenceNumber, @Timestamp Instant recordedAt) {
        record.apply(event, sequenceNumber, recordedAt);
        systemId = record.id();
    }

    /** Applies the event with the system's organisation in its metadata, and answers the version it gives the aggregate. */
    private long apply(Object event) {
        AggregateLifecycle.apply(event, MetaData.with("organisation", record.organisation()));
        return Objects.requireNonNull(AggregateLifecycle.getVersion(), "version after apply");
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.now(clock);
    }
}
