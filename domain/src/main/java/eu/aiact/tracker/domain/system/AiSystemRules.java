package eu.aiact.tracker.domain.system;

import static eu.aiact.tracker.domain.system.EffectiveDates.notBefore;
import static eu.aiact.tracker.domain.system.EffectiveDates.pastOrToday;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import eu.aiact.tracker.api.classification.BasisKind;
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
import eu.aiact.tracker.api.system.StartExperiment;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.api.system.SystemResumed;
import eu.aiact.tracker.domain.obligation.ObligationCodes;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;

/**
 * The rules of each command on an AI system: given what is recorded ({@link AiSystemRecord}) and today's date, a command either gives
 * the one event that records it or is refused with an {@link InvalidCommandException} (400: a bad value, naming the field) or an
 * {@link InvalidTransitionException} (409: a step the system's state does not allow). Lifecycle transitions go in order and never into
 * the future; classifications need their legal grounds; assessments only move forward. Once a system has ended, only corrections and
 * evidence are accepted.
 * <p>
 * The command service's aggregate decides with these rules and the inventory import checks every row with them before anything is
 * sent, so a dry run that finds no problem means the import is accepted.
 */
public final class AiSystemRules {

    /** Characters a statement that an obligation does not apply must have at least. */
    public static final int NOT_APPLICABLE_STATEMENT_MIN_LENGTH = 30;

    /** The most characters each text field may have (checked with {@link Text#check}, as every text of every command). */
    public static final int MAX_ID = 100;
    public static final int MAX_SHORT_TEXT = 200;
    public static final int MAX_REFERENCE = 500;
    public static final int MAX_REASON = 1000;
    public static final int MAX_TEXT = 2000;
    public static final int MAX_LONG_TEXT = 5000;
    public static final int MAX_BASES = 20;

    private final Supplier<String> newAssessmentId;
    private final ProvisionCatalogue provisions;
    private final ObligationCodes obligationCodes;

    /** Rules that give a new assessment a random id, with the shipped catalogue of provisions and rulebooks. */
    public AiSystemRules() {
        this(() -> UUID.randomUUID().toString());
    }

    /** @param newAssessmentId the id of an assessment recorded without one */
    public AiSystemRules(Supplier<String> newAssessmentId) {
        this(newAssessmentId, ProvisionCatalogue.shipped(), ObligationCodes.shipped());
    }

    /**
     * @param provisions      the catalogue classifications' references are checked against
     * @param obligationCodes the codes evidence is checked against when the caller gives none ({@link #recordEvidence(AiSystemRecord,
     *                        RecordObligationEvidence, LocalDate, ObligationCodes)})
     */
    public AiSystemRules(Supplier<String> newAssessmentId, ProvisionCatalogue provisions, ObligationCodes obligationCodes) {
        this.newAssessmentId = newAssessmentId;
        this.provisions = provisions;
        this.obligationCodes = obligationCodes;
    }

    /**
     * The event that records any command on an AI system ({@code system} is ignored for a registration, which starts one).
     *
     * @throws IllegalArgumentException when the object is not a command on an AI system
     */
    public Object decide(AiSystemRecord system, Object command, LocalDate today) {
        if (command instanceof RegisterAiSystem c) {
            return register(c, today);
        } else if (command instanceof StartExperiment c) {
            return startExperiment(system, c, today);
        } else if (command instanceof PutIntoService c) {
            return putIntoService(system, c, today);
        } else if (command instanceof PauseSystem c) {
            return pause(system, c, today);
        } else if (command instanceof ResumeSystem c) {
            return resume(system, c, today);
        } else if (command instanceof EndSystem c) {
            return end(system, c, today);
        } else if (command instanceof ClassifyRisk c) {
            return classify(system, c, today);
        } else if (command instanceof RecordSignificantModification c) {
            return recordModification(system, c, today);
        } else if (command instanceof RecordAssessment c) {
            return recordAssessment(system, c, today);
        } else if (command instanceof RecordPublicRegistration c) {
            return recordRegistration(system, c, today);
        } else if (command instanceof RecordObligationEvidence c) {
            return recordEvidence(system, c, today);
        } else if (command instanceof CorrectFact c) {
            return correct(system, c, today);
        }
        throw new IllegalArgumentException("Not a command on an AI system: " + (command == null ? "null" : command.getClass().getName()));
    }

    public AiSystemRegistered register(RegisterAiSystem command, LocalDate today) {
        Text.check("systemId", command.systemId(), MAX_ID);
        Text.check("organisation", command.organisation(), MAX_SHORT_TEXT);
        Text.check("name", command.name(), MAX_SHORT_TEXT);
        Text.check("description", command.description(), MAX_TEXT);
        Text.check("purpose", command.purpose(), MAX_SHORT_TEXT);
        Text.check("supplier", command.supplier(), MAX_SHORT_TEXT);
        Text.check("model", command.model(), MAX_SHORT_TEXT);
        requireText("systemId", command.systemId());
        requireText("organisation", command.organisation());
        requireText("name", command.name());
        if (command.initialPhase() == null || command.initialPhase() == Phase.ENDED) {
            throw new InvalidCommandException("initialPhase", "initialPhase is required: PLANNED, EXPERIMENT or IN_USE");
        }
        LocalDate effective = pastOrToday(command.effectiveDate(), today);
        return new AiSystemRegistered(command.systemId(), command.organisation().strip(), command.name().strip(),
                strip(command.description()), command.initialPhase(), strip(command.purpose()), command.developedBy(),
                strip(command.supplier()), strip(command.model()), command.generativeAi(), command.role(), command.publicAuthority(),
                effective);
    }

    public ExperimentStarted startExperiment(AiSystemRecord system, StartExperiment command, LocalDate today) {
        requireNotEnded(system);
        if (system.phase() != Phase.PLANNED) {
            throw new InvalidTransitionException("phase", "an experiment starts from PLANNED; the system is " + system.phase());
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.registeredOn(), "the date the system was registered as planned");
        return new ExperimentStarted(system.id(), date);
    }

    public SystemPutIntoService putIntoService(AiSystemRecord system, PutIntoService command, LocalDate today) {
        requireNotEnded(system);
        if (system.phase() == Phase.IN_USE) {
            throw new InvalidTransitionException("phase", "the system is already in use, since " + system.inServiceSince());
        }
        if (system.paused()) {
            throw new InvalidTransitionException("paused", "the system is paused since " + system.pausedOn()
                    + "; resume it before it can be put into service");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.experimentStartedOn(), "the start of its experiment");
        notBefore(date, system.registeredOn(), "the date the system was registered");
        return new SystemPutIntoService(system.id(), date, system.phase());
    }

    public SystemPaused pause(AiSystemRecord system, PauseSystem command, LocalDate today) {
        Text.check("reason", command.reason(), MAX_REASON);
        requireNotEnded(system);
        if (system.phase() == Phase.PLANNED) {
            throw new InvalidTransitionException("phase", "only an experiment or a system in use can be paused; the system is PLANNED");
        }
        if (system.paused()) {
            throw new InvalidTransitionException("paused", "the system is already paused, since " + system.pausedOn());
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.lastLifecycleDate(), "its last lifecycle change");
        return new SystemPaused(system.id(), date, strip(command.reason()));
    }

    public SystemResumed resume(AiSystemRecord system, ResumeSystem command, LocalDate today) {
        requireNotEnded(system);
        if (!system.paused()) {
            throw new InvalidTransitionException("paused", "the system is not paused");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.pausedOn(), "the date it was paused");
        return new SystemResumed(system.id(), date);
    }

    public SystemEnded end(AiSystemRecord system, EndSystem command, LocalDate today) {
        Text.check("explanation", command.explanation(), MAX_TEXT);
        if (system.phase() == Phase.ENDED) {
            throw new InvalidTransitionException("phase", "the system already ended, on " + system.endedOn());
        }
        if (command.reason() == null) {
            throw new InvalidCommandException("reason", "reason is required: one of " + List.of(EndReason.values()));
        }
        if (command.reason() == EndReason.OTHER && isBlank(command.explanation())) {
            throw new InvalidCommandException("explanation", "an explanation is required when the reason is OTHER");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.lastLifecycleDate(), "its last lifecycle change");
        return new SystemEnded(system.id(), date, command.reason(), strip(command.explanation()), system.phase());
    }

    public RiskClassified classify(AiSystemRecord system, ClassifyRisk command, LocalDate today) {
        Text.check("rationale", command.rationale(), MAX_LONG_TEXT);
        if (command.bases() != null) {
            if (command.bases().size() > MAX_BASES) {
                throw new InvalidCommandException("bases", "bases may name at most " + MAX_BASES + " legal grounds, not "
                        + command.bases().size());
            }
            for (int i = 0; i < command.bases().size(); i++) {
                ClassificationBasis basis = command.bases().get(i);
                Text.check("bases[" + i + "].reference", basis == null ? null : basis.reference(), MAX_SHORT_TEXT);
            }
        }
        requireNotEnded(system);
        if (command.riskClass() == null) {
            throw new InvalidCommandException("riskClass", "riskClass is required: one of " + List.of(RiskClass.values()));
        }
        List<ClassificationBasis> bases = command.bases() == null ? List.of() : command.bases();
        List<ClassificationBasis> canonical = ClassificationPolicy.checkBases(command.riskClass(), bases, provisions);
        if (command.riskClass() != RiskClass.UNKNOWN) {
            requireText("rationale", command.rationale());
        }
        RiskClass previous = system.riskClass();
        boolean lowering = ClassificationPolicy.checkLowering(previous, command.riskClass(), command.rationale());
        GpaiRelation gpai = command.gpai() == null ? GpaiRelation.NONE : command.gpai();
        if (gpai != GpaiRelation.IS_GPAI_MODEL) {
            for (String field : new String[] {"gpaiSystemicRisk", "gpaiOpenSource"}) {
                Boolean value = field.equals("gpaiSystemicRisk") ? command.gpaiSystemicRisk() : command.gpaiOpenSource();
                if (Boolean.TRUE.equals(value)) {
                    throw new InvalidCommandException(field, field + " describes a general-purpose AI model (Art 51, 53(2)): it needs gpai "
                            + "IS_GPAI_MODEL, not " + gpai + " (a system built on a model: USES_GPAI_MODEL, leave " + field + " out)");
                }
            }
        }
        if (Boolean.TRUE.equals(command.profilesPersons())) {
            for (int i = 0; i < canonical.size(); i++) {
                if (canonical.get(i).kind() == BasisKind.ART6_3_EXEMPTION) {
                    throw new InvalidCommandException("bases[" + i + "].kind", "an Annex III system that performs profiling of natural "
                            + "persons is always high-risk (Art 6(3), last subparagraph): no Art 6(3) exemption can apply to it");
                }
            }
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.registeredOn(), "the date the system was registered");
        reviewNotBefore(command.reviewDate(), date, "the classification's effective date");
        return new RiskClassified(system.id(), date, command.riskClass(), canonical, Boolean.TRUE.equals(command.annexXComponent()),
                gpai, strip(command.rationale()), previous, lowering, gpai == GpaiRelation.IS_GPAI_MODEL ? command.gpaiSystemicRisk() : null,
                gpai == GpaiRelation.IS_GPAI_MODEL ? command.gpaiOpenSource() : null, command.profilesPersons(), command.reviewDate());
    }

    public SignificantModificationRecorded recordModification(AiSystemRecord system, RecordSignificantModification command,
            LocalDate today) {
        Text.check("description", command.description(), MAX_TEXT);
        requireNotEnded(system);
        if (system.phase() == Phase.PLANNED) {
            throw new InvalidTransitionException("phase", "a planned system has no design to modify yet; record the change in its "
                    + "registration instead");
        }
        requireText("description", command.description());
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        notBefore(date, system.registeredOn(), "the date the system was registered");
        return new SignificantModificationRecorded(system.id(), date, command.description().strip());
    }

    public AssessmentRecorded recordAssessment(AiSystemRecord system, RecordAssessment command, LocalDate today) {
        Text.check("assessmentId", command.assessmentId(), MAX_ID);
        Text.check("name", command.name(), MAX_SHORT_TEXT);
        Text.check("reference", command.reference(), MAX_REFERENCE);
        requireNotEnded(system);
        if (command.status() == null) {
            throw new InvalidCommandException("status", "status is required: one of " + List.of(AssessmentStatus.values()));
        }
        boolean named = !isBlank(command.assessmentId());
        String id = named ? command.assessmentId().strip() : newAssessmentId.get();
        AiSystemRecord.Assessment earlier = system.assessments().get(id);
        AssessmentType type = command.type() != null ? command.type() : earlier == null ? null : earlier.type();
        if (type == null) {
            throw named
                    ? new InvalidCommandException("assessmentId", "no assessment " + id + " is recorded for this system; to record a new "
                            + "assessment, give its type: one of " + List.of(AssessmentType.values()))
                    : new InvalidCommandException("type", "type is required: one of " + List.of(AssessmentType.values()));
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
                ? command.effectiveDate() : pastOrToday(command.effectiveDate(), today);
        return new AssessmentRecorded(system.id(), id, type, strip(command.name()), command.status(), date, strip(command.reference()),
                earlier == null ? null : earlier.status());
    }

    public PublicRegistrationRecorded recordRegistration(AiSystemRecord system, RecordPublicRegistration command, LocalDate today) {
        Text.check("registerId", command.registerId(), MAX_SHORT_TEXT);
        requireNotEnded(system);
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
        if (command.register() == PublicRegister.EU_DATABASE && command.reviewDate() != null) {
            throw new InvalidCommandException("reviewDate", "reviewDate is the Algoritmeregister's review date (herzieningsdatum); the EU "
                    + "database has none: leave it out");
        }
        requireText("registerId", command.registerId());
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        reviewNotBefore(command.reviewDate(), date, "the registration's effective date");
        return new PublicRegistrationRecorded(system.id(), command.register(), command.category(), command.registerId().strip(), date,
                command.reviewDate());
    }

    /** Evidence against a code of the rulebooks these rules were made with. */
    public ObligationEvidenceRecorded recordEvidence(AiSystemRecord system, RecordObligationEvidence command, LocalDate today) {
        return recordEvidence(system, command, today, obligationCodes);
    }

    /**
     * Evidence against an obligation code: one of {@code codes} (any rulebook version's, compared without case; stored as the rulebook
     * spells it). An unknown code is refused listing the system's own obligation codes today.
     */
    public ObligationEvidenceRecorded recordEvidence(AiSystemRecord system, RecordObligationEvidence command, LocalDate today,
            ObligationCodes codes) {
        Text.check("obligationCode", command.obligationCode(), MAX_ID);
        Text.check("statement", command.statement(), MAX_LONG_TEXT);
        Text.check("reference", command.reference(), MAX_REFERENCE);
        requireText("obligationCode", command.obligationCode());
        String code = codes.known(command.obligationCode()).orElse(null);
        if (code == null) {
            List<String> own = codes.of(system.toFacts(), today);
            throw new InvalidCommandException("obligationCode", "obligationCode '" + command.obligationCode().strip() + "' is not a rule of "
                    + "the rulebooks; this system's obligations today: " + (own.isEmpty() ? "none" : String.join(", ", own))
                    + " (GET /api/systems/{id}/obligations on the query service)", own);
        }
        if (command.kind() == null) {
            throw new InvalidCommandException("kind", "kind is required: one of " + List.of(EvidenceKind.values()));
        }
        requireText("statement", command.statement());
        if (command.kind() == EvidenceKind.NOT_APPLICABLE
                && command.statement().strip().length() < NOT_APPLICABLE_STATEMENT_MIN_LENGTH) {
            throw new InvalidCommandException("statement", "a statement that an obligation does not apply needs its reasons: at least "
                    + NOT_APPLICABLE_STATEMENT_MIN_LENGTH + " characters");
        }
        LocalDate date = pastOrToday(command.effectiveDate(), today);
        return new ObligationEvidenceRecorded(system.id(), code, command.kind(), command.statement().strip(),
                strip(command.reference()), date);
    }

    public FactCorrected correct(AiSystemRecord system, CorrectFact command, LocalDate today) {
        Text.check("value", command.value(), MAX_TEXT);
        Text.check("rationale", command.rationale(), MAX_TEXT);
        if (command.fact() == null) {
            throw new InvalidCommandException("fact", "fact is required: one of " + List.of(CorrectableFact.values()));
        }
        requireText("rationale", command.rationale());
        CorrectableFact fact = command.fact();
        String previous = system.currentValue(fact);
        if (previous == null) {
            throw new InvalidTransitionException("fact", fact + " was never recorded for this system, so it cannot be corrected");
        }
        String corrected = CorrectedValue.canonical(fact, command.value());
        if (corrected.equals(previous)) {
            throw new InvalidCommandException("value", fact + " is already " + (previous.isEmpty() ? "empty" : previous));
        }
        if (fact.valueKind() == CorrectableFact.ValueKind.DATE) {
            checkCorrectedDateOrder(system, fact, LocalDate.parse(corrected), today);
        }
        return new FactCorrected(system.id(), today, fact, previous, corrected, command.rationale().strip());
    }

    private static void checkCorrectedDateOrder(AiSystemRecord system, CorrectableFact fact, LocalDate date, LocalDate today) {
        pastOrToday(date, today);
        Phase initialPhase = system.initialPhase();
        LocalDate registered = moves(fact, CorrectableFact.REGISTERED_ON, initialPhase) ? date : system.registeredOn();
        LocalDate experiment = moves(fact, CorrectableFact.EXPERIMENT_STARTED_ON, initialPhase) ? date : system.experimentStartedOn();
        LocalDate service = moves(fact, CorrectableFact.IN_SERVICE_SINCE, initialPhase) ? date : system.inServiceSince();
        LocalDate ended = fact == CorrectableFact.ENDED_ON ? date : system.endedOn();
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

    private static boolean moves(CorrectableFact corrected, CorrectableFact date, Phase initialPhase) {
        return corrected.datesMoved(initialPhase).contains(date);
    }

    /** A review date (optional) lies on or after the record's own effective date: a review cannot be due before the entry exists. */
    private static void reviewNotBefore(LocalDate reviewDate, LocalDate effective, String what) {
        if (reviewDate != null && reviewDate.isBefore(effective)) {
            throw new InvalidCommandException("reviewDate", "reviewDate " + reviewDate + " is before " + what + " " + effective
                    + "; accepted: an ISO date (YYYY-MM-DD) on or after " + effective + ", or leave it out");
        }
    }

    private static void requireNotEnded(AiSystemRecord system) {
        if (system.phase() == Phase.ENDED) {
            throw new InvalidTransitionException("phase", "the system ended on " + system.endedOn()
                    + "; only corrections and evidence can still be recorded");
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
}
