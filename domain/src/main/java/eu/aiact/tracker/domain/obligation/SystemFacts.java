package eu.aiact.tracker.domain.obligation;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

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

/**
 * What the obligation engine knows of one system: the facts recorded (and known) up to the date it evaluates. Dates are effective
 * dates; an empty date means "never happened". Built by folding the system's events; the engine never sees events.
 *
 * @param role                     the organisation's role; null when not recorded (the engine treats it as deployer)
 * @param registeredOn             the date from which the initial phase held
 * @param experimentStartedOn      when an experiment started (from registration as experiment, or a later start)
 * @param inServiceSince           when the system was put into service (Art 3(11)); null when it never was
 * @param endedOn                  when it ended; null while it runs
 * @param significantModifications dates of significant changes in design / substantial modifications, in order
 * @param evidence                 evidence per obligation code (the latest recorded for that code)
 * @param gpaiSystemicRisk         a general-purpose AI model with systemic risk (Art 51); false when not recorded
 * @param gpaiOpenSource           a general-purpose AI model released under a free and open-source licence (Art 53(2), 54(6)); false
 *                                 when not recorded
 * @param algoritmeregisterReviewDate the review date (herzieningsdatum) of the latest Algoritmeregister registration; null when none
 * @param classificationReviewDate    the review date of the latest risk classification; null when none
 */
public record SystemFacts(
        String systemId,
        String organisation,
        Role role,
        boolean publicAuthority,
        boolean generativeAi,
        Phase phase,
        boolean paused,
        LocalDate registeredOn,
        LocalDate experimentStartedOn,
        LocalDate inServiceSince,
        LocalDate endedOn,
        RiskClass riskClass,
        List<ClassificationBasis> bases,
        boolean annexXComponent,
        GpaiRelation gpai,
        List<LocalDate> significantModifications,
        List<Assessment> assessments,
        List<Registration> registrations,
        Map<String, Evidence> evidence,
        boolean gpaiSystemicRisk,
        boolean gpaiOpenSource,
        LocalDate algoritmeregisterReviewDate,
        LocalDate classificationReviewDate) {

    /** Facts without review dates. */
    public SystemFacts(String systemId, String organisation, Role role, boolean publicAuthority, boolean generativeAi, Phase phase,
            boolean paused, LocalDate registeredOn, LocalDate experimentStartedOn, LocalDate inServiceSince, LocalDate endedOn,
            RiskClass riskClass, List<ClassificationBasis> bases, boolean annexXComponent, GpaiRelation gpai,
            List<LocalDate> significantModifications, List<Assessment> assessments, List<Registration> registrations,
            Map<String, Evidence> evidence, boolean gpaiSystemicRisk, boolean gpaiOpenSource) {
        this(systemId, organisation, role, publicAuthority, generativeAi, phase, paused, registeredOn, experimentStartedOn, inServiceSince,
                endedOn, riskClass, bases, annexXComponent, gpai, significantModifications, assessments, registrations, evidence,
                gpaiSystemicRisk, gpaiOpenSource, null, null);
    }

    /** Facts without the general-purpose AI model's systemic risk and licence (both no). */
    public SystemFacts(String systemId, String organisation, Role role, boolean publicAuthority, boolean generativeAi, Phase phase,
            boolean paused, LocalDate registeredOn, LocalDate experimentStartedOn, LocalDate inServiceSince, LocalDate endedOn,
            RiskClass riskClass, List<ClassificationBasis> bases, boolean annexXComponent, GpaiRelation gpai,
            List<LocalDate> significantModifications, List<Assessment> assessments, List<Registration> registrations,
            Map<String, Evidence> evidence) {
        this(systemId, organisation, role, publicAuthority, generativeAi, phase, paused, registeredOn, experimentStartedOn, inServiceSince,
                endedOn, riskClass, bases, annexXComponent, gpai, significantModifications, assessments, registrations, evidence, false,
                false, null, null);
    }

    /** An assessment in its latest recorded status. */
    public record Assessment(String assessmentId, AssessmentType type, AssessmentStatus status, LocalDate date) {
    }

    /** A registration in a public register. */
    public record Registration(PublicRegister register, AlgoritmeregisterCategory category, String registerId, LocalDate date) {
    }

    /** Evidence for one obligation code. */
    public record Evidence(EvidenceKind kind, String statement, String reference, LocalDate date) {
    }
}
