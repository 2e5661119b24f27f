package eu.aiact.tracker.command.aggregate;

import static eu.aiact.tracker.command.aggregate.EffectiveDates.notBefore;
import static eu.aiact.tracker.command.aggregate.EffectiveDates.pastOrToday;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.conflictresolution.ConflictResolver;
import org.axonframework.spring.stereotype.Aggregate;

import eu.aiact.tracker.api.classification.ClassificationBasis;
import eu.aiact.tracker.api.classification.ClassifyRisk;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.classification.RiskClassified;
import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentRecorded;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.ObligationEvidenceRecorded;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.compliance.PublicRegistrationRecorded;
import eu.aiact.tracker.api.compliance.RecordAssessment;
import eu.aiact.tracker.api.compliance.RecordObligationEvidence;
import eu.aiact.tracker.api.compliance.RecordPublicRegistration;
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectFact;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.ExperimentStarted;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.PauseSystem;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.PutIntoService;
import eu.aiact.tracker.api.system.RecordSignificantModification;
import eu.aiact.tracker.api.system.RegisterAiSystem;
import eu.aiact.tracker.api.system.ResumeSystem;
import eu.aiact.tracker.api.system.SignificantModificationRecorded;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.api.system.StartExperiment;
import eu.aiact.tracker.api.system.SystemResumed;
import eu.aiact.tracker.web.security.AccessRefusedException;

/**
 * One AI system in an organisation's inventory, rebuilt from its events. It decides which facts may be recorded: lifecycle transitions in
 * order and never into the future, classifications with their legal grounds, assessments that only move forward. Once a system has ended,
 * only corrections and evidence are accepted.
 * <p>
 * Every command handler answers with the aggregate's version after the command, for the caller's next expected version.
 */
@Aggregate
public class AiSystem {

    static final int NOT_APPLICABLE_STATEMENT_MIN_LENGTH = 30;
    /** Command metadata: the organisations whose systems the sender may change (a collection of names, {@code *} for all). */
    public static final String WRITABLE_ORGANISATIONS = "writableOrganisations";

    @AggregateIdentifier
    private String systemId;
    private String organisation;
    private Phase phase;
    private boolean paused;
    private Phase initialPhase;
    private LocalDate registeredOn;
    private LocalDate experimentStartedOn;
    private LocalDate inServiceSince;
    private LocalDate pausedOn;
    private LocalDate endedOn;
    private final Map<CorrectableFact, String> correctable = new HashMap<>();
    private RiskClass riskClass = RiskClass.UNKNOWN;
    private final Map<String, AssessmentState> assessments = new HashMap<>();

    private record AssessmentState(AssessmentType type, AssessmentStatus status) {
    }

    protected AiSystem() {
        // for Axon, which rebuilds the aggregate from its events
    }

    @CommandHandler
    public AiSystem(RegisterAiSystem command, Clock clock) {
        requireText("systemId", command.systemId());
        requireText("organisation", command.organisation());
        requireText("name", command.name());
        if (command.initialPhase() == null || command.initialPhase() == Phase.ENDED) {
            throw new InvalidCommandException("initialPhase", "initialPhase is required: PLANNED, EXPERIMENT or IN_USE");
        }
        LocalDate effective = pastOrToday(command.effectiveDate(), clock);
        apply(new AiSystemRegistered(command.systemId(), command.organisation().strip(), command.name().strip(),
                strip(command.description()), command.initialPhase(), strip(command.purpose()), command.developedBy(),
                strip(command.supplier()), strip(command.model()), command.generativeAi(), command.role(), command.publicAuthority(),
                effective), command.organisation().strip());
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
        if (writable instanceof Collection<?> organisations && !organisations.contains("*") && !organisations.contains(organisation)) {
            throw new AccessRefusedException("Your roles do not allow changing AI systems for this organisation");
        }
    }

    @CommandHandler
    public long handle(StartExperiment command, Clock clock) {
        requireNotEnded();
        if (phase != Phase.PLANNED) {
            throw new InvalidTransitionException("phase", "an experiment starts from PLANNED; the system is " + phase);
        }
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, registeredOn, "the date the system was registered as planned");
        return apply(new ExperimentStarted(systemId, date));
    }

    @CommandHandler
    public long handle(PutIntoService command, Clock clock) {
        requireNotEnded();
        if (phase == Phase.IN_USE) {
            throw new InvalidTransitionException("phase", "the system is already in use, since " + inServiceSince);
        }
        requireNotPaused("put into service");
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, registeredOn, "the date the system was registered");
        notBefore(date, experimentStartedOn, "the start of its experiment");
        return apply(new SystemPutIntoService(systemId, date, phase));
    }

    @CommandHandler
    public long handle(PauseSystem command, Clock clock) {
        requireNotEnded();
        if (phase == Phase.PLANNED) {
            throw new InvalidTransitionException("phase", "only an experiment or a system in use can be paused; the system is PLANNED");
        }
        if (paused) {
            throw new InvalidTransitionException("paused", "the system is already paused, since " + pausedOn);
        }
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, lastLifecycleDate(), "its last lifecycle change");
        return apply(new SystemPaused(systemId, date, strip(command.reason())));
    }

    @CommandHandler
    public long handle(ResumeSystem command, Clock clock) {
        requireNotEnded();
        if (!paused) {
            throw new InvalidTransitionException("paused", "the system is not paused");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, pausedOn, "the date it was paused");
        return apply(new SystemResumed(systemId, date));
    }

    @CommandHandler
    public long handle(EndSystem command, Clock clock) {
        if (phase == Phase.ENDED) {
            throw new InvalidTransitionException("phase", "the system already ended, on " + endedOn);
        }
        if (command.reason() == null) {
            throw new InvalidCommandException("reason", "reason is required: one of " + List.of(EndReason.values()));
        }
        if (command.reason() == EndReason.OTHER && isBlank(command.explanation())) {
            throw new InvalidCommandException("explanation", "an explanation is required when the reason is OTHER");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, lastLifecycleDate(), "its last lifecycle change");
        return apply(new SystemEnded(systemId, date, command.reason(), strip(command.explanation()), phase));
    }

    @CommandHandler
    public long handle(ClassifyRisk command, Clock clock) {
        requireNotEnded();
        if (command.riskClass() == null) {
            throw new InvalidCommandException("riskClass", "riskClass is required: one of " + List.of(RiskClass.values()));
        }
        List<ClassificationBasis> bases =
                command.bases() == null ? List.of() : command.bases();
        ClassificationPolicy.checkBases(command.riskClass(), bases);
        if (command.riskClass() != RiskClass.UNKNOWN) {
            requireText("rationale", command.rationale());
        }
        boolean lowering = ClassificationPolicy.checkLowering(riskClass, command.riskClass(), command.rationale());
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, registeredOn, "the date the system was registered");
        List<ClassificationBasis> stripped = bases.stream()
                .map(b -> new ClassificationBasis(b.kind(), b.reference().strip()))
                .toList();
        return apply(new RiskClassified(systemId, date, command.riskClass(), stripped, Boolean.TRUE.equals(command.annexXComponent()),
                command.gpai() == null ? GpaiRelation.NONE : command.gpai(), strip(command.rationale()), riskClass, lowering));
    }

    @CommandHandler
    public long handle(RecordSignificantModification command, Clock clock) {
        requireNotEnded();
        if (phase == Phase.PLANNED) {
            throw new InvalidTransitionException("phase", "a planned system has no design to modify yet; record the change in its "
                    + "registration instead");
        }
        requireText("description", command.description());
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        notBefore(date, registeredOn, "the date the system was registered");
        return apply(new SignificantModificationRecorded(systemId, date, command.description().strip()));
    }

    @CommandHandler
    public long handle(RecordAssessment command, Clock clock) {
        requireNotEnded();
        if (command.status() == null) {
            throw new InvalidCommandException("status", "status is required: one of " + List.of(AssessmentStatus.values()));
        }
        String id = isBlank(command.assessmentId()) ? UUID.randomUUID().toString() : command.assessmentId().strip();
        AssessmentState earlier = assessments.get(id);
        AssessmentType type = command.type() != null ? command.type() : earlier == null ? null : earlier.type();
        if (type == null) {
            throw new InvalidCommandException("type", "type is required: one of " + List.of(AssessmentType.values()));
        }
        if (type == AssessmentType.OTHER && isBlank(command.name())) {
            throw new InvalidCommandException("name", "name is required for an assessment of type OTHER");
        }
        if (earlier != null) {
            if (earlier.type() != type) {
                throw new InvalidCommandException("type", "assessment " + id + " has type " + earlier.type() + ", not " + type);
            }
            if (command.status().ordinal() < earlier.status().ordinal()) {
                throw new InvalidTransitionException("status", "assessment " + id + " is " + earlier.status()
                        + "; its status only moves forward (PLANNED, IN_PROGRESS, DONE)");
            }
        }
        // a planned assessment may be dated in the future: its date is when it is planned for
        LocalDate date = command.status() == AssessmentStatus.PLANNED && command.effectiveDate() != null
                ? command.effectiveDate() : pastOrToday(command.effectiveDate(), clock);
        return apply(new AssessmentRecorded(systemId, id, type, strip(command.name()), command.status(), date,
                strip(command.reference()), earlier == null ? null : earlier.status()));
    }

    @CommandHandler
    public long handle(RecordPublicRegistration command, Clock clock) {
        requireNotEnded();
        if (command.register() == null) {
            throw new InvalidCommandException("register", "register is required: one of " + List.of(PublicRegister.values()));
        }
        if (command.register() == PublicRegister.ALGORITMEREGISTER && command.category() == null) {
            throw new InvalidCommandException("category", "category is required for the Algoritmeregister: one of "
                    + List.of(AlgoritmeregisterCategory.values()));
        }
        if (command.register() == PublicRegister.EU_DATABASE && command.category() != null) {
            throw new InvalidCommandException("category", "the EU database has no category; leave it out");
        }
        requireText("registerId", command.registerId());
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        return apply(new PublicRegistrationRecorded(systemId, command.register(), command.category(), command.registerId().strip(), date));
    }

    @CommandHandler
    public long handle(RecordObligationEvidence command, Clock clock) {
        requireText("obligationCode", command.obligationCode());
        if (command.kind() == null) {
            throw new InvalidCommandException("kind", "kind is required: one of " + List.of(EvidenceKind.values()));
        }
        requireText("statement", command.statement());
        if (command.kind() == EvidenceKind.NOT_APPLICABLE
                && command.statement().strip().length() < NOT_APPLICABLE_STATEMENT_MIN_LENGTH) {
            throw new InvalidCommandException("statement", "a statement that an obligation does not apply needs its reasons: at least "
                    + NOT_APPLICABLE_STATEMENT_MIN_LENGTH + " characters");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), clock);
        return apply(new ObligationEvidenceRecorded(systemId, command.obligationCode().strip(), command.kind(),
                command.statement().strip(), strip(command.reference()), date));
    }

    @CommandHandler
    public long handle(CorrectFact command, Clock clock) {
        if (command.fact() == null) {
            throw new InvalidCommandException("fact", "fact is required: one of " + List.of(CorrectableFact.values()));
        }
        requireText("rationale", command.rationale());
        CorrectableFact fact = command.fact();
        if (!correctable.containsKey(fact)) {
            throw new InvalidTransitionException("fact", fact + " was never recorded for this system, so it cannot be corrected");
        }
        String corrected = CorrectedValue.canonical(fact, command.value());
        String previous = correctable.get(fact);
        if (corrected.equals(previous)) {
            throw new InvalidCommandException("value", fact + " is already " + (previous.isEmpty() ? "empty" : previous));
        }
        if (fact.valueKind() == CorrectableFact.ValueKind.DATE) {
            checkCorrectedDateOrder(fact, LocalDate.parse(corrected), clock);
        }
        return apply(new FactCorrected(systemId, LocalDate.now(clock), fact, previous, corrected, command.rationale().strip()));
    }

    private void checkCorrectedDateOrder(CorrectableFact fact, LocalDate date, Clock clock) {
        pastOrToday(date, clock);
        LocalDate registered = moves(fact, CorrectableFact.REGISTERED_ON) ? date : registeredOn;
        LocalDate experiment = moves(fact, CorrectableFact.EXPERIMENT_STARTED_ON) ? date : experimentStartedOn;
        LocalDate service = moves(fact, CorrectableFact.IN_SERVICE_SINCE) ? date : inServiceSince;
        LocalDate ended = fact == CorrectableFact.ENDED_ON ? date : endedOn;
        LocalDate previous = null;
        for (LocalDate d : new LocalDate[] {registered, experiment, service, ended}) {
            if (d != null && previous != null && d.isBefore(previous)) {
                throw new InvalidCommandException("value", "with " + fact + " = " + date + " the dates would be out of order: registered "
                        + registered + ", experiment " + experiment + ", in service " + service + ", ended " + ended);
            }
            if (d != null) {
                previous = d;
            }
        }
    }

    private boolean moves(CorrectableFact corrected, CorrectableFact date) {
        return corrected.datesMoved(initialPhase).contains(date);
    }

    @EventSourcingHandler
    void on(AiSystemRegistered event) {
        this.systemId = event.systemId();
        this.organisation = event.organisation();
        this.phase = event.phase();
        this.initialPhase = event.phase();
        this.registeredOn = event.effectiveDate();
        if (event.phase() == Phase.EXPERIMENT) {
            this.experimentStartedOn = event.effectiveDate();
        } else if (event.phase() == Phase.IN_USE) {
            this.inServiceSince = event.effectiveDate();
        }
        correctable.put(CorrectableFact.NAME, event.name());
        correctable.put(CorrectableFact.DESCRIPTION, nullToEmpty(event.description()));
        correctable.put(CorrectableFact.PURPOSE, nullToEmpty(event.purpose()));
        correctable.put(CorrectableFact.SUPPLIER, nullToEmpty(event.supplier()));
        correctable.put(CorrectableFact.MODEL, nullToEmpty(event.model()));
        putIfKnown(CorrectableFact.DEVELOPED_BY, event.developedBy());
        putIfKnown(CorrectableFact.ROLE, event.role());
        putIfKnown(CorrectableFact.GENERATIVE_AI, event.generativeAi());
        putIfKnown(CorrectableFact.PUBLIC_AUTHORITY, event.publicAuthority());
        putIfKnown(CorrectableFact.REGISTERED_ON, event.effectiveDate());
        putIfKnown(CorrectableFact.EXPERIMENT_STARTED_ON, experimentStartedOn);
        putIfKnown(CorrectableFact.IN_SERVICE_SINCE, inServiceSince);
    }

    @EventSourcingHandler
    void on(ExperimentStarted event) {
        phase = Phase.EXPERIMENT;
        experimentStartedOn = event.effectiveDate();
        putIfKnown(CorrectableFact.EXPERIMENT_STARTED_ON, experimentStartedOn);
    }

    @EventSourcingHandler
    void on(SystemPutIntoService event) {
        phase = Phase.IN_USE;
        inServiceSince = event.effectiveDate();
        putIfKnown(CorrectableFact.IN_SERVICE_SINCE, inServiceSince);
    }

    @EventSourcingHandler
    void on(SystemPaused event) {
        paused = true;
        pausedOn = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(SystemResumed event) {
        paused = false;
        pausedOn = event.effectiveDate();
    }

    @EventSourcingHandler
    void on(SystemEnded event) {
        phase = Phase.ENDED;
        paused = false;
        endedOn = event.effectiveDate();
        putIfKnown(CorrectableFact.ENDED_ON, endedOn);
        putIfKnown(CorrectableFact.END_REASON, event.reason());
    }

    @EventSourcingHandler
    void on(RiskClassified event) {
        riskClass = event.riskClass();
    }

    @EventSourcingHandler
    void on(AssessmentRecorded event) {
        assessments.put(event.assessmentId(), new AssessmentState(event.type(), event.status()));
    }

    @EventSourcingHandler
    void on(FactCorrected event) {
        correctable.put(event.fact(), event.correctedValue());
        if (event.fact().valueKind() != CorrectableFact.ValueKind.DATE) {
            return;
        }
        LocalDate date = LocalDate.parse(event.correctedValue());
        event.fact().datesMoved(initialPhase).forEach(moved -> setDate(moved, date));
    }

    private void setDate(CorrectableFact fact, LocalDate date) {
        correctable.put(fact, date.toString());
        switch (fact) {
            case REGISTERED_ON -> registeredOn = date;
            case EXPERIMENT_STARTED_ON -> experimentStartedOn = date;
            case IN_SERVICE_SINCE -> inServiceSince = date;
            case ENDED_ON -> endedOn = date;
            default -> throw new IllegalArgumentException(fact + " is not a date");
        }
    }

    /** Applies the event with the system's organisation in its metadata, and answers the version it gives the aggregate. */
    private long apply(Object event) {
        apply(event, organisation);
        return Objects.requireNonNull(AggregateLifecycle.getVersion(), "version after apply");
    }

    private static void apply(Object event, String organisation) {
        AggregateLifecycle.apply(event, MetaData.with("organisation", organisation));
    }

    private LocalDate lastLifecycleDate() {
        LocalDate last = registeredOn;
        for (LocalDate d : new LocalDate[] {experimentStartedOn, inServiceSince, pausedOn}) {
            if (d != null && (last == null || d.isAfter(last))) {
                last = d;
            }
        }
        return last;
    }

    private void requireNotEnded() {
        if (phase == Phase.ENDED) {
            throw new InvalidTransitionException("phase", "the system ended on " + endedOn
                    + "; only corrections and evidence can still be recorded");
        }
    }

    private void requireNotPaused(String what) {
        if (paused) {
            throw new InvalidTransitionException("paused", "the system is paused since " + pausedOn + "; resume it before it can be " + what);
        }
    }

    private void putIfKnown(CorrectableFact fact, Object value) {
        if (value != null) {
            correctable.put(fact, value instanceof Enum<?> e ? e.name() : value.toString());
        }
    }

    private static void requireText(String field, String value) {
        if (isBlank(value)) {
            throw new InvalidCommandException(field, field + " is required and may not be blank");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static String strip(String value) {
        return value == null ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
