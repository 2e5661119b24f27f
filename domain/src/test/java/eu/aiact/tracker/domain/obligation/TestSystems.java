package eu.aiact.tracker.domain.obligation;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

/** A small builder of {@link SystemFacts} for tests: a public-body deployer, planned, minimal risk, unless told otherwise. */
public final class TestSystems {

    private Role role = Role.DEPLOYER;
    private boolean publicAuthority = true;
    private boolean generativeAi;
    private Phase phase = Phase.PLANNED;
    private boolean paused;
    private LocalDate registeredOn = LocalDate.of(2020, 1, 1);
    private LocalDate experimentStartedOn;
    private LocalDate inServiceSince;
    private LocalDate endedOn;
    private RiskClass riskClass = RiskClass.MINIMAL;
    private final List<ClassificationBasis> bases = new ArrayList<>();
    private boolean annexX;
    private GpaiRelation gpai = GpaiRelation.NONE;
    private boolean systemicRisk;
    private boolean openSource;
    private final List<LocalDate> modifications = new ArrayList<>();
    private final List<SystemFacts.Assessment> assessments = new ArrayList<>();
    private final List<SystemFacts.Registration> registrations = new ArrayList<>();
    private final Map<String, SystemFacts.Evidence> evidence = new HashMap<>();
    private LocalDate algoritmeregisterReview;
    private LocalDate classificationReview;

    public static TestSystems system() {
        return new TestSystems();
    }

    private static LocalDate d(String date) {
        return LocalDate.parse(date);
    }

    public TestSystems role(Role value) {
        role = value;
        return this;
    }

    public TestSystems provider() {
        return role(Role.PROVIDER);
    }

    public TestSystems privateSector() {
        publicAuthority = false;
        return this;
    }

    public TestSystems generative() {
        generativeAi = true;
        return this;
    }

    public TestSystems experiment(String since) {
        phase = Phase.EXPERIMENT;
        experimentStartedOn = d(since);
        return this;
    }

    public TestSystems inUse(String since) {
        phase = Phase.IN_USE;
        inServiceSince = d(since);
        return this;
    }

    public TestSystems paused() {
        paused = true;
        return this;
    }

    public TestSystems ended(String on) {
        phase = Phase.ENDED;
        endedOn = d(on);
        return this;
    }

    public TestSystems risk(RiskClass value, BasisKind kind, String reference) {
        riskClass = value;
        bases.add(new ClassificationBasis(kind, reference));
        return this;
    }

    public TestSystems risk(RiskClass value) {
        riskClass = value;
        return this;
    }

    public TestSystems highAnnexIII() {
        return risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.5(a)");
    }

    public TestSystems highAnnexI() {
        return risk(RiskClass.HIGH, BasisKind.ANNEX_I_PRODUCT, "Regulation (EU) 2017/745");
    }

    public TestSystems basis(BasisKind kind, String reference) {
        bases.add(new ClassificationBasis(kind, reference));
        return this;
    }

    public TestSystems annexX() {
        annexX = true;
        return this;
    }

    public TestSystems gpai(GpaiRelation value) {
        gpai = value;
        return this;
    }

    /** A general-purpose AI model with systemic risk (Art 51). */
    public TestSystems systemicRisk() {
        systemicRisk = true;
        return this;
    }

    /** A general-purpose AI model under a free and open-source licence (Art 53(2), 54(6)). */
    public TestSystems openSource() {
        openSource = true;
        return this;
    }

    public TestSystems modified(String on) {
        modifications.add(d(on));
        modifications.sort(null);
        return this;
    }

    public TestSystems assessment(AssessmentType type, AssessmentStatus status, String on) {
        assessments.add(new SystemFacts.Assessment("a-" + assessments.size(), type, status, d(on)));
        return this;
    }

    public TestSystems registered(PublicRegister register, String on) {
        registrations.add(new SystemFacts.Registration(register, register == PublicRegister.ALGORITMEREGISTER
                ? AlgoritmeregisterCategory.A : null, "reg-" + registrations.size(), d(on)));
        return this;
    }

    public TestSystems evidence(String code, EvidenceKind kind, String statement, String on) {
        evidence.put(code, new SystemFacts.Evidence(kind, statement, "doc-" + code, d(on)));
        return this;
    }

    /** The latest Algoritmeregister registration carries this review date (herzieningsdatum). */
    public TestSystems algoritmeregisterReview(String on) {
        algoritmeregisterReview = d(on);
        return this;
    }

    /** The latest classification carries this review date. */
    public TestSystems classificationReview(String on) {
        classificationReview = d(on);
        return this;
    }

    public SystemFacts build() {
        return new SystemFacts("sys-1", "Ministerie", role, publicAuthority, generativeAi, phase, paused, registeredOn, experimentStartedOn,
                inServiceSince, endedOn, riskClass, List.copyOf(bases), annexX, gpai, List.copyOf(modifications), List.copyOf(assessments),
                List.copyOf(registrations), Map.copyOf(evidence), systemicRisk, openSource, algoritmeregisterReview,
                classificationReview);
    }
}
