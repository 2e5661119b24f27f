package eu.aiact.tracker.domain.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import eu.aiact.tracker.api.classification.ClassificationBasis;
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
import eu.aiact.tracker.api.system.AiSystemRegistered;
import eu.aiact.tracker.api.system.CorrectableFact;
import eu.aiact.tracker.api.system.DevelopedBy;
import eu.aiact.tracker.api.system.EndReason;
import eu.aiact.tracker.api.system.ExperimentStarted;
import eu.aiact.tracker.api.system.FactCorrected;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.api.system.SignificantModificationRecorded;
import eu.aiact.tracker.api.system.SystemEnded;
import eu.aiact.tracker.api.system.SystemPaused;
import eu.aiact.tracker.api.system.SystemPutIntoService;
import eu.aiact.tracker.api.system.SystemResumed;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import eu.aiact.tracker.domain.provision.ProvisionCatalogue;

/**
 * Everything recorded about one AI system, folded from its events in order: the one fold of the tracker. The command side's aggregate
 * decides on it ({@link AiSystemRules}), the query side's projections store it and read it, the auditors' views fold the events known on
 * a date with it, and the obligation engine reads its {@link #toFacts() facts}.
 * <p>
 * Its fields are the query service's stored form (a JSON document, field by field): renaming one needs a projection rebuild. The
 * services' answers are declared apart from it.
 */
@JsonPropertyOrder({"id", "organisation", "name", "version", "phase", "riskClass"})
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class AiSystemRecord {

    private String id;
    private String organisation;
    private String name;
    private String description;
    private String purpose;
    private DevelopedBy developedBy;
    private String supplier;
    private String model;
    private Boolean generativeAi;
    private Role role;
    private Boolean publicAuthority;

    private Phase phase;
    private Phase initialPhase;
    private boolean paused;
    private LocalDate pausedOn;
    private String pauseReason;
    private LocalDate resumedOn;
    private LocalDate registeredOn;
    private LocalDate experimentStartedOn;
    private LocalDate inServiceSince;
    private LocalDate endedOn;
    private EndReason endReason;
    private String endExplanation;

    private RiskClass riskClass = RiskClass.UNKNOWN;
    private List<ClassificationBasis> bases = new ArrayList<>();
    private boolean annexXComponent;
    private GpaiRelation gpai = GpaiRelation.NONE;
    private Boolean gpaiSystemicRisk;
    private Boolean gpaiOpenSource;
    private Boolean profilesPersons;
    private String classificationRationale;
    private LocalDate classifiedOn;
    private boolean flaggedForReview;
    private LocalDate classificationReviewDate;
    private LocalDate algoritmeregisterReviewDate;

    private List<Modification> significantModifications = new ArrayList<>();
    private Map<String, Assessment> assessments = new LinkedHashMap<>();
    private List<Registration> registrations = new ArrayList<>();
    private Map<String, Evidence> evidence = new LinkedHashMap<>();
    private List<Correction> corrections = new ArrayList<>();

    private long version = -1;
    private Instant registeredAt;
    private Instant lastChangedAt;

    public record Modification(LocalDate date, String description) {
    }

    public record Assessment(String assessmentId, AssessmentType type, String name, AssessmentStatus status, LocalDate date,
            String reference) {
    }

    public record Registration(PublicRegister register, AlgoritmeregisterCategory category, String registerId, LocalDate date) {
    }

    public record Evidence(EvidenceKind kind, String statement, String reference, LocalDate date) {
    }

    public record Correction(CorrectableFact fact, String previousValue, String correctedValue, String rationale, LocalDate correctedOn,
            Instant recordedAt) {
    }

    /**
     * Applies one event recorded at {@code recordedAt} as the system's event number {@code sequenceNumber}.
     *
     * @throws IllegalArgumentException when the event is not one of an AI system's
     */
    public AiSystemRecord apply(Object event, long sequenceNumber, Instant recordedAt) {
        if (event instanceof AiSystemRegistered e) {
            registered(e, recordedAt);
        } else if (event instanceof ExperimentStarted e) {
            phase = Phase.EXPERIMENT;
            experimentStartedOn = e.effectiveDate();
        } else if (event instanceof SystemPutIntoService e) {
            phase = Phase.IN_USE;
            inServiceSince = e.effectiveDate();
        } else if (event instanceof SystemPaused e) {
            paused = true;
            pausedOn = e.effectiveDate();
            pauseReason = e.reason();
        } else if (event instanceof SystemResumed e) {
            paused = false;
            pausedOn = null;
            pauseReason = null;
            resumedOn = e.effectiveDate();
        } else if (event instanceof SystemEnded e) {
            phase = Phase.ENDED;
            paused = false;
            endedOn = e.effectiveDate();
            endReason = e.reason();
            endExplanation = e.explanation();
        } else if (event instanceof RiskClassified e) {
            classified(e);
        } else if (event instanceof SignificantModificationRecorded e) {
            significantModifications.add(new Modification(e.effectiveDate(), e.description()));
        } else if (event instanceof AssessmentRecorded e) {
            assessments.put(e.assessmentId(), new Assessment(e.assessmentId(), e.type(), e.name(), e.status(), e.effectiveDate(),
                    e.reference()));
        } else if (event instanceof PublicRegistrationRecorded e) {
            registrations.add(new Registration(e.register(), e.category(), e.registerId(), e.effectiveDate()));
            if (e.register() == PublicRegister.ALGORITMEREGISTER) {
                // the latest entry is what the register shows: its review date (or none) replaces the one before
                algoritmeregisterReviewDate = e.reviewDate();
            }
        } else if (event instanceof ObligationEvidenceRecorded e) {
            evidence.put(e.obligationCode(), new Evidence(e.kind(), e.statement(), e.reference(), e.effectiveDate()));
        } else if (event instanceof FactCorrected e) {
            corrected(e, recordedAt);
        } else {
            throw new IllegalArgumentException("Not an AI system event: " + (event == null ? "null" : event.getClass().getName()));
        }
        version = sequenceNumber;
        lastChangedAt = recordedAt;
        return this;
    }

    private void registered(AiSystemRegistered e, Instant recordedAt) {
        id = e.systemId();
        organisation = e.organisation();
        name = e.name();
        description = e.description();
        purpose = e.purpose();
        developedBy = e.developedBy();
        supplier = e.supplier();
        model = e.model();
        generativeAi = e.generativeAi();
        role = e.role();
        publicAuthority = e.publicAuthority();
        phase = e.phase();
        initialPhase = e.phase();
        registeredAt = recordedAt;
        // events from before effective dates existed take effect on the day they were recorded
        registeredOn = e.effectiveDate() != null ? e.effectiveDate()
                : recordedAt == null ? null : LocalDate.ofInstant(recordedAt, ZoneOffset.UTC);
        if (e.phase() == Phase.EXPERIMENT) {
            experimentStartedOn = registeredOn;
        } else if (e.phase() == Phase.IN_USE) {
            inServiceSince = registeredOn;
        }
    }

    private void classified(RiskClassified e) {
        riskClass = e.riskClass();
        bases = new ArrayList<>(e.bases() == null ? List.of() : e.bases());
        annexXComponent = e.annexXComponent();
        gpai = e.gpai() == null ? GpaiRelation.NONE : e.gpai();
        gpaiSystemicRisk = e.gpaiSystemicRisk();
        gpaiOpenSource = e.gpaiOpenSource();
        profilesPersons = e.profilesPersons();
        classificationRationale = e.rationale();
        classifiedOn = e.effectiveDate();
        flaggedForReview = e.flaggedForReview();
        classificationReviewDate = e.reviewDate();
    }

    private void corrected(FactCorrected e, Instant recordedAt) {
        corrections.add(new Correction(e.fact(), e.previousValue(), e.correctedValue(), e.rationale(), e.effectiveDate(), recordedAt));
        String v = e.correctedValue();
        switch (e.fact()) {
            case NAME -> name = v;
            case DESCRIPTION -> description = v;
            case PURPOSE -> purpose = v;
            case SUPPLIER -> supplier = v;
            case MODEL -> model = v;
            case DEVELOPED_BY -> developedBy = DevelopedBy.valueOf(v);
            case ROLE -> role = Role.valueOf(v);
            case GENERATIVE_AI -> generativeAi = Boolean.valueOf(v);
            case PUBLIC_AUTHORITY -> publicAuthority = Boolean.valueOf(v);
            case END_REASON -> endReason = EndReason.valueOf(v);
            default -> e.fact().datesMoved(initialPhase).forEach(moved -> setDate(moved, LocalDate.parse(v)));
        }
    }

    private void setDate(CorrectableFact fact, LocalDate date) {
        switch (fact) {
            case REGISTERED_ON -> registeredOn = date;
            case EXPERIMENT_STARTED_ON -> experimentStartedOn = date;
            case IN_SERVICE_SINCE -> inServiceSince = date;
            case ENDED_ON -> endedOn = date;
            default -> throw new IllegalArgumentException(fact + " is not a date");
        }
    }

    /**
     * The recorded value of a fact a correction may replace, in the canonical form corrections use (ISO date, {@code true}/{@code false},
     * enum name, text; an empty text when none was recorded), or null when the fact was never recorded (a date that never happened, a
     * role left out).
     */
    public String currentValue(CorrectableFact fact) {
        return switch (fact) {
            case NAME -> name;
            case DESCRIPTION -> nullToEmpty(description);
            case PURPOSE -> nullToEmpty(purpose);
            case SUPPLIER -> nullToEmpty(supplier);
            case MODEL -> nullToEmpty(model);
            case DEVELOPED_BY -> text(developedBy);
            case ROLE -> text(role);
            case GENERATIVE_AI -> text(generativeAi);
            case PUBLIC_AUTHORITY -> text(publicAuthority);
            case REGISTERED_ON -> text(registeredOn);
            case EXPERIMENT_STARTED_ON -> text(experimentStartedOn);
            case IN_SERVICE_SINCE -> text(inServiceSince);
            case ENDED_ON -> text(endedOn);
            case END_REASON -> text(endReason);
        };
    }

    /** The latest lifecycle date: registration, experiment, service, pause or resumption. */
    public LocalDate lastLifecycleDate() {
        LocalDate last = registeredOn;
        for (LocalDate d : new LocalDate[] {experimentStartedOn, inServiceSince, pausedOn, resumedOn}) {
            if (d != null && (last == null || d.isAfter(last))) {
                last = d;
            }
        }
        return last;
    }

    /** The facts the obligation engine reads. */
    public SystemFacts toFacts() {
        return new SystemFacts(id, organisation, role, Boolean.TRUE.equals(publicAuthority), Boolean.TRUE.equals(generativeAi), phase,
                paused, registeredOn, experimentStartedOn, inServiceSince, endedOn, riskClass, List.copyOf(bases), annexXComponent, gpai,
                significantModifications.stream().map(Modification::date).sorted().toList(),
                assessments.values().stream().map(a -> new SystemFacts.Assessment(a.assessmentId(), a.type(), a.status(), a.date())).toList(),
                registrations.stream().map(r -> new SystemFacts.Registration(r.register(), r.category(), r.registerId(), r.date())).toList(),
                evidence.entrySet().stream().collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
                        x -> new SystemFacts.Evidence(x.getValue().kind(), x.getValue().statement(), x.getValue().reference(),
                                x.getValue().date()))),
                Boolean.TRUE.equals(gpaiSystemicRisk), Boolean.TRUE.equals(gpaiOpenSource), algoritmeregisterReviewDate,
                classificationReviewDate);
    }

    private static String text(Object value) {
        return value == null ? null : value instanceof Enum<?> e ? e.name() : value.toString();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Whether a registration was folded in: false for a record no event has been applied to yet. */
    public boolean exists() {
        return id != null;
    }

    public String id() {
        return id;
    }

    public String organisation() {
        return organisation;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public String purpose() {
        return purpose;
    }

    public DevelopedBy developedBy() {
        return developedBy;
    }

    public String supplier() {
        return supplier;
    }

    public String model() {
        return model;
    }

    public Boolean generativeAi() {
        return generativeAi;
    }

    public Role role() {
        return role;
    }

    public Boolean publicAuthority() {
        return publicAuthority;
    }

    public Phase phase() {
        return phase;
    }

    public Phase initialPhase() {
        return initialPhase;
    }

    public boolean paused() {
        return paused;
    }

    public LocalDate pausedOn() {
        return pausedOn;
    }

    public String pauseReason() {
        return pauseReason;
    }

    public LocalDate resumedOn() {
        return resumedOn;
    }

    public LocalDate registeredOn() {
        return registeredOn;
    }

    public LocalDate experimentStartedOn() {
        return experimentStartedOn;
    }

    public LocalDate inServiceSince() {
        return inServiceSince;
    }

    public LocalDate endedOn() {
        return endedOn;
    }

    public EndReason endReason() {
        return endReason;
    }

    public String endExplanation() {
        return endExplanation;
    }

    public RiskClass riskClass() {
        return riskClass;
    }

    public List<ClassificationBasis> bases() {
        return Collections.unmodifiableList(bases);
    }

    public boolean annexXComponent() {
        return annexXComponent;
    }

    public GpaiRelation gpai() {
        return gpai;
    }

    /** For a general-purpose AI model: whether it has systemic risk (Art 51); null when not recorded (classifications before the fact). */
    public Boolean gpaiSystemicRisk() {
        return gpaiSystemicRisk;
    }

    /** For a general-purpose AI model: whether it is released under a free and open-source licence; null when not recorded. */
    public Boolean gpaiOpenSource() {
        return gpaiOpenSource;
    }

    /** Whether the system performs profiling of natural persons, as its classification says; null when not stated. */
    public Boolean profilesPersons() {
        return profilesPersons;
    }

    public String classificationRationale() {
        return classificationRationale;
    }

    public LocalDate classifiedOn() {
        return classifiedOn;
    }

    public boolean flaggedForReview() {
        return flaggedForReview;
    }

    /** The review date recorded with the latest classification; null when it has none. */
    public LocalDate classificationReviewDate() {
        return classificationReviewDate;
    }

    /** The review date (herzieningsdatum) of the latest Algoritmeregister registration; null when it has none. */
    public LocalDate algoritmeregisterReviewDate() {
        return algoritmeregisterReviewDate;
    }

    /**
     * The recorded bases whose reference names no provision of their kind in the catalogue of provisions (stored before references were
     * checked; events are never rewritten, so they are read as they are): the classification needs a review. Empty when every reference
     * resolves. Worked out from the catalogue on each call, not stored, so a correction of the catalogue (a new alias) counts at once.
     */
    public List<ClassificationBasis> basesToReview() {
        return basesToReview(bases, ProvisionCatalogue.shipped());
    }

    /** The bases of {@code bases} whose reference names no provision of their kind in {@code catalogue}. */
    public static List<ClassificationBasis> basesToReview(List<ClassificationBasis> bases, ProvisionCatalogue catalogue) {
        List<ClassificationBasis> out = new ArrayList<>();
        if (bases != null) {
            for (ClassificationBasis basis : bases) {
                if (basis == null || basis.kind() == null || !catalogue.resolve(basis.kind(), basis.reference()).resolved()) {
                    out.add(basis);
                }
            }
        }
        return out;
    }

    public List<Modification> significantModifications() {
        return Collections.unmodifiableList(significantModifications);
    }

    /** The assessments by id, in the order they were first recorded, each in its latest status. */
    public Map<String, Assessment> assessments() {
        return Collections.unmodifiableMap(assessments);
    }

    public List<Registration> registrations() {
        return Collections.unmodifiableList(registrations);
    }

    /** The latest evidence per obligation code. */
    public Map<String, Evidence> evidence() {
        return Collections.unmodifiableMap(evidence);
    }

    public List<Correction> corrections() {
        return Collections.unmodifiableList(corrections);
    }

    /** The sequence number of the last event applied, -1 before the first. */
    public long version() {
        return version;
    }

    /** When the registration was recorded. */
    public Instant registeredAt() {
        return registeredAt;
    }

    /** When the last event applied to it was recorded. */
    public Instant lastChangedAt() {
        return lastChangedAt;
    }
}
