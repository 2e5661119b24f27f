package eu.aiact.tracker.domain.obligation;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import static eu.aiact.tracker.api.obligation.ObligationStatus.DUE_SOON;
import static eu.aiact.tracker.api.obligation.ObligationStatus.FULFILLED;
import static eu.aiact.tracker.api.obligation.ObligationStatus.NOT_APPLICABLE;
import static eu.aiact.tracker.api.obligation.ObligationStatus.NOT_YET_DUE;
import static eu.aiact.tracker.api.obligation.ObligationStatus.OVERDUE;
import static eu.aiact.tracker.api.obligation.ObligationStatus.VIOLATION;
import static eu.aiact.tracker.domain.obligation.TestSystems.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import eu.aiact.tracker.api.classification.BasisKind;
import eu.aiact.tracker.api.classification.GpaiRelation;
import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.compliance.PublicRegister;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.rulebook.RulebookLoader;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * The engine against the shipped rulebook files: each case is one system on one date, and names the article it checks. The rulebook
 * applied is the one in force on the case's date.
 */
class ObligationEngineTest {

    private static final Rulebooks RULEBOOKS = new RulebookLoader().loadAll(null);
    private static final ObligationEngine ENGINE = new ObligationEngine(90);

    private static final String V2024 = "ai-act-2024";
    private static final String OMNIBUS = "ai-act-2026-omnibus";
    private static final String NL = "nl-national-commitments";

    /** What one obligation must be; {@code status == null} means the code must be absent. */
    record Expect(String code, String due, ObligationStatus status, String rulebook, String reasonContains) {
        @Override
        public String toString() {
            return status == null ? code + " absent" : code + " " + due + " " + status + " " + rulebook;
        }
    }

    static Expect expect(String code, String due, ObligationStatus status, String rulebook) {
        return new Expect(code, due, status, rulebook, null);
    }

    static Expect expect(String code, String due, ObligationStatus status, String rulebook, String reasonContains) {
        return new Expect(code, due, status, rulebook, reasonContains);
    }

    static Expect absent(String code) {
        return new Expect(code, null, null, null, null);
    }

    static Arguments c(String name, TestSystems system, String asOf, Expect... expectations) {
        return Arguments.of(name, system.build(), LocalDate.parse(asOf), List.of(expectations));
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        // ---- Art 111(2): legacy high-risk systems of public authorities
        cases.add(c("Art 111(2): legacy public-authority high-risk in service 2025-03-01 -> due 2030-08-02 (ai-act-2024)",
                system().highAnnexIII().inUse("2025-03-01"), "2026-03-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, V2024, "Art 111(2)"),
                expect("ART27-FRIA", "2030-08-02", NOT_YET_DUE, V2024, "31 December 2030")));
        cases.add(c("Art 111(2): the same legacy system under the omnibus after 2026-07-27 -> still due 2030-08-02",
                system().highAnnexIII().inUse("2025-03-01"), "2026-09-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS),
                expect("ART86-EXPLANATION", "2030-08-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 111(2) as amended: public-authority system in service 2027-01-01 is legacy under the omnibus (cut-off 2027-12-02) -> 2030-08-02",
                system().highAnnexIII().inUse("2027-01-01"), "2027-02-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS, "reported")));
        cases.add(c("Art 111(2): significant modification 2028-01-15 after the omnibus cut-off ends the grandfathering -> due from 2028-01-15",
                system().highAnnexIII().inUse("2025-03-01").modified("2028-01-15"), "2028-02-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-01-15", OVERDUE, OMNIBUS, "significant modification on 2028-01-15"),
                expect("ART27-FRIA", "2028-01-15", OVERDUE, OMNIBUS)));
        cases.add(c("Art 111(2): significant modification 2027-01-10 before the cut-off keeps the 2030-08-02 deadline",
                system().highAnnexIII().inUse("2025-03-01").modified("2027-01-10"), "2027-06-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 111(2): private-sector legacy high-risk without significant change -> not applicable (omnibus)",
                system().privateSector().highAnnexIII().inUse("2025-03-01"), "2027-01-01",
                expect("ART26-DEPLOYER-DUTIES", "2027-12-02", NOT_APPLICABLE, OMNIBUS, "significantly changed"),
                absent("ART27-FRIA")));
        cases.add(c("Art 111(2): private-sector legacy high-risk under ai-act-2024 -> not applicable, cut-off 2026-08-02",
                system().privateSector().highAnnexIII().inUse("2025-03-01"), "2026-05-01",
                expect("ART26-DEPLOYER-DUTIES", "2026-08-02", NOT_APPLICABLE, V2024)));
        cases.add(c("Art 111(2): private-sector legacy system significantly modified 2028-03-01 -> due from that day (DUE_SOON)",
                system().privateSector().highAnnexIII().inUse("2025-03-01").modified("2028-03-01"), "2028-03-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-03-01", DUE_SOON, OMNIBUS)));
        // ---- Art 113 high-risk dates under both versions
        cases.add(c("Art 113 / Art 26: planned public high-risk Annex III under ai-act-2024 -> due 2026-08-02, DUE_SOON on 2026-07-01",
                system().highAnnexIII(), "2026-07-01",
                expect("ART26-DEPLOYER-DUTIES", "2026-08-02", DUE_SOON, V2024),
                expect("ART27-FRIA", "2026-08-02", DUE_SOON, V2024),
                expect("ART49-3-REGISTRATION", "2026-08-02", DUE_SOON, V2024)));
        cases.add(c("Art 113 as amended / Art 26: the same planned system under the omnibus on 2026-08-01 -> due 2027-12-02",
                system().highAnnexIII(), "2026-08-01",
                expect("ART26-DEPLOYER-DUTIES", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("ART27-FRIA", "2027-12-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 27: FRIA before first use of a new public system in service 2028-01-10, not done -> OVERDUE",
                system().highAnnexIII().inUse("2028-01-10"), "2028-02-01",
                expect("ART27-FRIA", "2028-01-10", OVERDUE, OMNIBUS, "first use")));
        cases.add(c("Art 27: FRIA done (assessment FRIA DONE) -> FULFILLED",
                system().highAnnexIII().inUse("2028-01-10").assessment(AssessmentType.FRIA, AssessmentStatus.DONE, "2028-01-05"),
                "2028-02-01",
                expect("ART27-FRIA", "2028-01-10", FULFILLED, OMNIBUS, "FRIA done")));
        cases.add(c("Art 27: FRIA still in progress does not fulfil -> OVERDUE",
                system().highAnnexIII().inUse("2028-01-10").assessment(AssessmentType.FRIA, AssessmentStatus.IN_PROGRESS, "2028-01-05"),
                "2028-02-01",
                expect("ART27-FRIA", "2028-01-10", OVERDUE, OMNIBUS)));
        cases.add(c("Art 49(3) and Art 26(8): an EU database registration fulfils both",
                system().highAnnexIII().inUse("2028-01-10").registered(PublicRegister.EU_DATABASE, "2028-01-08"), "2028-02-01",
                expect("ART49-3-REGISTRATION", "2028-01-10", FULFILLED, OMNIBUS),
                expect("ART26-8-PROVIDER-REGISTERED", "2028-01-10", FULFILLED, OMNIBUS),
                expect("ART26-DEPLOYER-DUTIES", "2028-01-10", OVERDUE, OMNIBUS)));
        cases.add(c("Art 49(3): planned public system on 2027-10-01 under the omnibus -> due 2027-12-02, DUE_SOON",
                system().highAnnexIII(), "2027-10-01",
                expect("ART49-3-REGISTRATION", "2027-12-02", DUE_SOON, OMNIBUS)));
        cases.add(c("Art 26, Art 86: private deployer of a new high-risk system -> Art 26 and 86 apply, no FRIA (Art 27) or 49(3)",
                system().privateSector().highAnnexIII().inUse("2028-02-01"), "2028-03-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-02-01", OVERDUE, OMNIBUS),
                expect("ART86-EXPLANATION", "2028-02-01", OVERDUE, OMNIBUS),
                absent("ART27-FRIA"), absent("ART49-3-REGISTRATION")));
        // ---- Art 111(1): Annex X
        cases.add(c("Art 111(1): Annex X component in service 2025-06-01 -> due 2030-12-31 (omnibus)",
                system().highAnnexIII().annexX().inUse("2025-06-01"), "2027-01-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-12-31", NOT_YET_DUE, OMNIBUS, "Annex X")));
        cases.add(c("Art 111(1): Annex X component in service 2025-06-01 -> due 2030-12-31 (ai-act-2024)",
                system().highAnnexIII().annexX().inUse("2025-06-01"), "2026-07-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-12-31", NOT_YET_DUE, V2024)));
        cases.add(c("Art 111(1): a significant modification does not end the Annex X transition -> still 2030-12-31",
                system().highAnnexIII().annexX().inUse("2025-06-01").modified("2028-01-15"), "2028-02-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-12-31", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 111(1)/(2): Annex X component in service 2027-09-01, after the Annex X cut-off -> Art 111(2) public legacy 2030-08-02",
                system().highAnnexIII().annexX().inUse("2027-09-01"), "2027-10-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS)));
        // ---- Annex I
        cases.add(c("Art 113(c) / Art 6(1): planned Annex I high-risk under ai-act-2024 -> due 2027-08-02",
                system().highAnnexI(), "2026-06-01",
                expect("ART26-DEPLOYER-DUTIES", "2027-08-02", NOT_YET_DUE, V2024)));
        cases.add(c("Art 113(c) as amended: planned Annex I high-risk under the omnibus -> due 2028-08-02",
                system().highAnnexI(), "2026-08-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-08-02", NOT_YET_DUE, OMNIBUS),
                absent("ART27-FRIA")));
        cases.add(c("Art 111(2) as amended: public Annex I system in service 2028-01-01 is legacy (cut-off 2028-08-02) -> 2030-08-02",
                system().highAnnexI().inUse("2028-01-01"), "2028-06-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS)));
        // ---- providers
        cases.add(c("Art 16, 17, 43: provider of a planned high-risk system under the omnibus -> due 2027-12-02, DUE_SOON; no deployer duties",
                system().provider().highAnnexIII(), "2027-11-01",
                expect("ART16-PROVIDER-DUTIES", "2027-12-02", DUE_SOON, OMNIBUS),
                expect("ART17-QUALITY-MANAGEMENT", "2027-12-02", DUE_SOON, OMNIBUS),
                expect("ART43-CONFORMITY-ASSESSMENT", "2027-12-02", DUE_SOON, OMNIBUS),
                expect("ART47-EU-DECLARATION", "2027-12-02", DUE_SOON, OMNIBUS),
                expect("ART48-CE-MARKING", "2027-12-02", DUE_SOON, OMNIBUS),
                absent("ART26-DEPLOYER-DUTIES"), absent("ART27-FRIA")));
        cases.add(c("Art 16 and Art 26: an organisation that is provider and deployer bears both",
                system().role(Role.BOTH).highAnnexIII().inUse("2025-03-01"), "2026-09-01",
                expect("ART16-PROVIDER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS),
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 18: documentation kept after the system ended; Art 16 no longer applies",
                system().provider().highAnnexIII().inUse("2025-03-01").ended("2029-01-01"), "2029-06-01",
                expect("ART18-DOCUMENTATION-KEEPING", "2030-08-02", NOT_YET_DUE, OMNIBUS),
                expect("ART16-PROVIDER-DUTIES", "2030-08-02", NOT_APPLICABLE, OMNIBUS, "ended on 2029-01-01")));
        cases.add(c("Art 22: authorised representative -> not applicable to a Union public body",
                system().provider().highAnnexIII(), "2027-01-01",
                expect("ART22-AUTHORISED-REPRESENTATIVE", "2027-12-02", NOT_APPLICABLE, OMNIBUS, "third countries")));
        cases.add(c("Art 49(1): provider registration fulfilled by the EU database registration",
                system().provider().highAnnexIII().inUse("2028-01-10").registered(PublicRegister.EU_DATABASE, "2028-01-02"), "2028-02-01",
                expect("ART49-1-REGISTRATION", "2028-01-10", FULFILLED, OMNIBUS),
                expect("ART19-LOGS", "2028-01-10", OVERDUE, OMNIBUS)));
        cases.add(c("Art 49(2): provider of an Art 6(3)-exempted Annex III system under ai-act-2024 -> due 2026-08-02",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)"),
                "2026-06-01",
                expect("ART49-2-EXEMPT-REGISTRATION", "2026-08-02", DUE_SOON, V2024)));
        cases.add(c("Art 49(2) under the omnibus: the deletion is confirmed only for the Commission's proposal (contested) -> the duty is kept, due 2027-12-02, the other reading named",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)"),
                "2026-08-01",
                expect("ART49-2-EXEMPT-REGISTRATION", "2027-12-02", NOT_YET_DUE, OMNIBUS, "contested")));
        cases.add(c("Art 49(2) under the omnibus: the reason names the proposal's reading (COM(2025) 836) and why the stricter one applies",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)")
                        .inUse("2028-01-10"), "2028-02-01",
                expect("ART49-2-EXEMPT-REGISTRATION", "2028-01-10", OVERDUE, OMNIBUS, "COM(2025) 836"),
                expect("ART49-2-EXEMPT-REGISTRATION", "2028-01-10", OVERDUE, OMNIBUS, "stricter reading")));
        cases.add(c("Art 49(2) under the omnibus: an EU database registration fulfils the kept duty",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)")
                        .inUse("2028-01-10").registered(PublicRegister.EU_DATABASE, "2028-01-05"), "2028-02-01",
                expect("ART49-2-EXEMPT-REGISTRATION", "2028-01-10", FULFILLED, OMNIBUS)));
        cases.add(c("Art 25(1)(b): a deployer that significantly modifies a high-risk system checks whether it became provider",
                system().highAnnexIII().inUse("2028-01-10").modified("2028-03-01"), "2028-04-01",
                expect("ART25-PROVIDER-CHECK", "2028-03-01", OVERDUE, OMNIBUS)));
        // ---- Art 5 prohibitions
        cases.add(c("Art 5: prohibited practice in use after 2025-02-02 -> VIOLATION",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(f)").inUse("2024-06-01"), "2025-03-01",
                expect("ART5-PROHIBITION", "2025-02-02", VIOLATION, V2024, "must stop at once")));
        cases.add(c("Art 5: prohibited practice in use on the ban date itself -> VIOLATION",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(f)").inUse("2024-06-01"), "2025-02-02",
                expect("ART5-PROHIBITION", "2025-02-02", VIOLATION, V2024)));
        cases.add(c("Art 5: prohibited practice in use before the ban -> DUE_SOON on 2024-12-01",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(c)").inUse("2024-06-01"), "2024-12-01",
                expect("ART5-PROHIBITION", "2025-02-02", DUE_SOON, V2024)));
        cases.add(c("Art 5: prohibited system ended 2025-01-15, before the ban -> FULFILLED",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(f)").inUse("2024-06-01").ended("2025-01-15"), "2025-06-01",
                expect("ART5-PROHIBITION", "2025-02-02", FULFILLED, V2024, "before the ban")));
        cases.add(c("Art 5: prohibited system ended 2025-05-01, after the ban -> FULFILLED with the breach named",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(f)").inUse("2024-06-01").ended("2025-05-01"), "2025-06-01",
                expect("ART5-PROHIBITION", "2025-02-02", FULFILLED, V2024, "BREACH: it was in use from 2025-02-02 to 2025-05-01 (88 days)")));
        cases.add(c("Art 5: prohibited experiment after the ban is not in use -> OVERDUE, not VIOLATION",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(f)").experiment("2024-09-01"), "2025-03-01",
                expect("ART5-PROHIBITION", "2025-02-02", OVERDUE, V2024, "not a violation")));
        cases.add(c("Art 5: prohibited experiment ended 2024-12-01 without use -> FULFILLED",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(f)").experiment("2024-09-01").ended("2024-12-01"),
                "2025-03-01",
                expect("ART5-PROHIBITION", "2025-02-02", FULFILLED, V2024, "without ever being in use")));
        // ---- a pause: still put into service (duties and dates remain), but not in use while paused
        cases.add(c("Art 5: a paused prohibited system is not in use while paused -> OVERDUE (end it), not a VIOLATION day (omnibus)",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(c)").inUse("2024-06-01").paused(), "2026-08-01",
                expect("ART5-PROHIBITION", "2025-02-02", OVERDUE, OMNIBUS, "must not resume")));
        cases.add(c("Art 5: the same system running again -> VIOLATION (omnibus)",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(c)").inUse("2024-06-01"), "2026-08-01",
                expect("ART5-PROHIBITION", "2025-02-02", VIOLATION, OMNIBUS, "in use")));
        cases.add(c("Art 5: paused before a new 2026 ban applies -> due 2026-12-02, must not resume from then",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(ba)").inUse("2025-06-01").paused(), "2026-10-01",
                expect("ART5-PROHIBITION-2026", "2026-12-02", DUE_SOON, OMNIBUS, "must not resume")));
        cases.add(c("Art 111(2) / Art 26: a paused legacy public-authority high-risk system keeps its duties and due dates (2030-08-02)",
                system().highAnnexIII().inUse("2025-03-01").paused(), "2026-09-01",
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, OMNIBUS, "paused"),
                expect("ART27-FRIA", "2030-08-02", NOT_YET_DUE, OMNIBUS, "due date remain")));
        cases.add(c("Art 26: a paused high-risk system in use since 2028 keeps the overdue deployer duties, due from first use (omnibus)",
                system().highAnnexIII().inUse("2028-01-10").paused(), "2028-03-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-01-10", OVERDUE, OMNIBUS, "paused")));
        cases.add(c("Art 5(1)(i) as amended: new 2026 ban in use on 2026-10-01 -> DUE_SOON, due 2026-12-02",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(i)").inUse("2025-06-01"), "2026-10-01",
                expect("ART5-PROHIBITION-2026", "2026-12-02", DUE_SOON, OMNIBUS), absent("ART5-PROHIBITION")));
        cases.add(c("Art 5(1)(i) as amended: new 2026 ban in use on 2026-12-02 -> VIOLATION",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(j)").inUse("2025-06-01"), "2026-12-02",
                expect("ART5-PROHIBITION-2026", "2026-12-02", VIOLATION, OMNIBUS)));
        cases.add(c("Art 5 (ai-act-2024): the 2026 practice is not banned by the published text -> no Art 5 obligation",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(i)").inUse("2025-06-01"), "2026-06-01",
                absent("ART5-PROHIBITION"), absent("ART5-PROHIBITION-2026")));
        cases.add(c("Art 5(1)(ba) as amended (reported numbering): in use on 2026-10-01 -> the ban of 2026-12-02, DUE_SOON, not a VIOLATION since 2025-02-02",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(ba)").inUse("2025-06-01"), "2026-10-01",
                expect("ART5-PROHIBITION-2026", "2026-12-02", DUE_SOON, OMNIBUS, "basis ART5_PRACTICE 5(1)(ba)"), absent("ART5-PROHIBITION")));
        cases.add(c("Art 5(1)(bb) as amended, recorded as 'Art. 5(1)(bb)': in use on 2026-12-02 -> VIOLATION of the 2026 ban",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "Art. 5(1)(bb)").inUse("2025-06-01"), "2026-12-02",
                expect("ART5-PROHIBITION-2026", "2026-12-02", VIOLATION, OMNIBUS, "5(1)(bb) (recorded as 'Art. 5(1)(bb)')"),
                absent("ART5-PROHIBITION")));
        cases.add(c("Art 5(1)(ba) as amended, recorded by the tracker's earlier reference 5(1)(i): read through the alias",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(i)").inUse("2025-06-01"), "2026-10-01",
                expect("ART5-PROHIBITION-2026", "2026-12-02", DUE_SOON, OMNIBUS, "5(1)(ba) (recorded as '5(1)(i)')")));
        cases.add(c("Art 5 (ai-act-2024): 5(1)(ba) is not banned by the published text -> no Art 5 obligation before the omnibus",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(ba)").inUse("2025-06-01"), "2026-06-01",
                absent("ART5-PROHIBITION"), absent("ART5-PROHIBITION-2026")));
        cases.add(c("Art 5(1)(c) recorded as 'Art. 5(1)(c)' (an alias) -> the 2025-02-02 ban, VIOLATION",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "Art. 5(1)(c)").inUse("2024-06-01"), "2025-03-01",
                expect("ART5-PROHIBITION", "2025-02-02", VIOLATION, V2024, "5(1)(c) (recorded as 'Art. 5(1)(c)')"),
                absent("ART5-PROHIBITION-2026")));
        cases.add(c("Art 5: an Art 5 reference the catalogue does not know -> the earlier ban (stricter), named as not in the catalogue",
                system().risk(RiskClass.PROHIBITED, BasisKind.ART5_PRACTICE, "5(1)(z)").inUse("2024-06-01"), "2026-10-01",
                expect("ART5-PROHIBITION", "2025-02-02", VIOLATION, OMNIBUS, "not in the catalogue of provisions"),
                absent("ART5-PROHIBITION-2026")));
        // ---- Art 4
        cases.add(c("Art 4: AI literacy overdue after 2025-02-02 (ai-act-2024)",
                system().inUse("2024-01-01"), "2025-03-01",
                expect("ART4-LITERACY", "2025-02-02", OVERDUE, V2024)));
        cases.add(c("Art 4 as amended (duty of effort): same date under the omnibus, evidence fulfils it",
                system().inUse("2024-01-01").evidence("ART4-LITERACY", EvidenceKind.FULFILLED, "Training for all users", "2025-01-20"),
                "2026-09-01",
                expect("ART4-LITERACY", "2025-02-02", FULFILLED, OMNIBUS, "Training for all users")));
        cases.add(c("Art 4 as amended (contested: reports disagree whether a duty remains) -> the duty of effort stays, the proposal's reading named",
                system().inUse("2024-01-01"), "2026-09-01",
                expect("ART4-LITERACY", "2025-02-02", OVERDUE, OMNIBUS, "COM(2025) 836"),
                expect("ART4-LITERACY", "2025-02-02", OVERDUE, OMNIBUS, "stricter reading")));
        cases.add(c("Art 4: evidence dated after the evaluation date does not count yet",
                system().inUse("2024-01-01").evidence("ART4-LITERACY", EvidenceKind.FULFILLED, "Training", "2025-06-01"), "2025-03-01",
                expect("ART4-LITERACY", "2025-02-02", OVERDUE, V2024)));
        // ---- Art 50
        cases.add(c("Art 50(1): provider of a chatbot planned -> due 2026-08-02, DUE_SOON (ai-act-2024)",
                system().provider().risk(RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(1)"), "2026-06-01",
                expect("ART50-1-INTERACTION", "2026-08-02", DUE_SOON, V2024)));
        cases.add(c("Art 50(2): generative system on the market since 2025-05-01 under ai-act-2024 -> due 2026-08-02",
                system().provider().generative().risk(RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(2)").inUse("2025-05-01"), "2026-07-01",
                expect("ART50-2-MARKING", "2026-08-02", DUE_SOON, V2024)));
        cases.add(c("Art 50(2) as amended: the same system placed on the market before 2026-08-02 -> until 2026-12-02 under the omnibus",
                system().provider().generative().risk(RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(2)").inUse("2025-05-01"), "2026-08-10",
                expect("ART50-2-MARKING", "2026-12-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 50(2) as amended: generative system put into service 2026-09-01 -> due from first use, OVERDUE",
                system().provider().generative().inUse("2026-09-01"), "2026-10-01",
                expect("ART50-2-MARKING", "2026-09-01", OVERDUE, OMNIBUS)));
        cases.add(c("Art 50(4): deployer of a deep-fake generator discloses; Art 50(2) is the provider's, not the deployer's",
                system().generative().risk(RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(4)").inUse("2025-05-01"), "2026-09-01",
                expect("ART50-4-DEEP-FAKE", "2026-08-02", OVERDUE, OMNIBUS), absent("ART50-2-MARKING")));
        cases.add(c("Art 50(3): deployer of emotion recognition informs the persons exposed",
                system().risk(RiskClass.LIMITED, BasisKind.ART50_TYPE, "50(3)").inUse("2025-05-01"), "2026-06-01",
                expect("ART50-3-EMOTION-BIOMETRIC", "2026-08-02", DUE_SOON, V2024)));
        // ---- GPAI
        cases.add(c("Art 111(3): GPAI model placed on the market 2025-03-01 -> Ch V due 2027-08-02",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).inUse("2025-03-01"), "2026-01-01",
                expect("ART53-GPAI-PROVIDER", "2027-08-02", NOT_YET_DUE, V2024, "Art 111(3)")));
        cases.add(c("Art 113(b) / Art 53: GPAI model placed on the market 2025-10-01 -> due from then, OVERDUE",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).inUse("2025-10-01"), "2026-01-01",
                expect("ART53-GPAI-PROVIDER", "2025-10-01", OVERDUE, V2024)));
        cases.add(c("Art 113(b) / Art 53: planned GPAI model on 2025-06-01 -> due 2025-08-02, DUE_SOON; a deployer using GPAI has no Ch V duty",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL), "2025-06-01",
                expect("ART53-GPAI-PROVIDER", "2025-08-02", DUE_SOON, V2024)));
        cases.add(c("Ch V: a deployer using a GPAI model bears no Art 53 duty",
                system().gpai(GpaiRelation.USES_GPAI_MODEL).inUse("2025-03-01"), "2026-01-01",
                absent("ART53-GPAI-PROVIDER")));
        // ---- unknown class
        cases.add(c("Art 5/6: UNKNOWN class -> CLASSIFY due 2025-02-02, DUE_SOON on 2025-01-01",
                system().risk(RiskClass.UNKNOWN).inUse("2024-01-01"), "2025-01-01",
                expect("CLASSIFY", "2025-02-02", DUE_SOON, V2024)));
        cases.add(c("Art 5/6: UNKNOWN class under the omnibus -> CLASSIFY OVERDUE",
                system().risk(RiskClass.UNKNOWN).experiment("2025-09-01"), "2026-09-01",
                expect("CLASSIFY", "2025-02-02", OVERDUE, OMNIBUS)));
        cases.add(c("Art 5/6: UNKNOWN class of a system ended 2024-12-01 -> CLASSIFY not applicable",
                system().risk(RiskClass.UNKNOWN).inUse("2024-01-01").ended("2024-12-01"), "2025-06-01",
                expect("CLASSIFY", "2025-02-02", NOT_APPLICABLE, V2024)));
        // ---- evidence, ended, experiments
        cases.add(c("Art 86: evidence NOT_APPLICABLE with its statement -> NOT_APPLICABLE",
                system().highAnnexIII().inUse("2028-01-10")
                        .evidence("ART86-EXPLANATION", EvidenceKind.NOT_APPLICABLE, "No decisions about natural persons", "2028-01-05"),
                "2028-02-01",
                expect("ART86-EXPLANATION", "2028-01-10", NOT_APPLICABLE, OMNIBUS, "No decisions about natural persons")));
        cases.add(c("Art 26: duties of a high-risk system ended 2028-06-01 after they applied -> NOT_APPLICABLE naming the period",
                system().highAnnexIII().inUse("2028-01-10").ended("2028-06-01"), "2028-07-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-01-10", NOT_APPLICABLE, OMNIBUS, "while it ran")));
        cases.add(c("Art 27: a high-risk experiment is not in use, but due dates apply -> FRIA OVERDUE after 2027-12-02",
                system().highAnnexIII().experiment("2026-01-01"), "2028-01-01",
                expect("ART27-FRIA", "2027-12-02", OVERDUE, OMNIBUS, "not in use")));
        cases.add(c("Art 26: role not recorded -> treated as deployer",
                system().role(null).highAnnexIII(), "2026-07-01",
                expect("ART26-DEPLOYER-DUTIES", "2026-08-02", DUE_SOON, V2024), absent("ART16-PROVIDER-DUTIES")));
        // ---- national commitments
        cases.add(c("NL commitment (Kamerstuk 26 643, nr. 1233): high-risk AI of government in the Algoritmeregister by 2025-12-31 -> DUE_SOON",
                system().highAnnexIII().inUse("2024-01-01"), "2025-11-01",
                expect("NL-ALGORITMEREGISTER-HIGH-RISK", "2025-12-31", DUE_SOON, NL),
                expect("ART26-DEPLOYER-DUTIES", "2030-08-02", NOT_YET_DUE, V2024)));
        cases.add(c("NL commitment: not registered in the Algoritmeregister on 2026-01-15 -> OVERDUE",
                system().highAnnexIII().inUse("2024-01-01"), "2026-01-15",
                expect("NL-ALGORITMEREGISTER-HIGH-RISK", "2025-12-31", OVERDUE, NL)));
        cases.add(c("NL commitment: an Algoritmeregister registration fulfils it",
                system().highAnnexIII().inUse("2024-01-01").registered(PublicRegister.ALGORITMEREGISTER, "2025-10-01"), "2026-01-15",
                expect("NL-ALGORITMEREGISTER-HIGH-RISK", "2025-12-31", FULFILLED, NL, "ALGORITMEREGISTER")));
        cases.add(c("NL commitment: not for a private-sector organisation",
                system().privateSector().highAnnexIII().inUse("2024-01-01"), "2026-01-15",
                absent("NL-ALGORITMEREGISTER-HIGH-RISK"), absent("NL-RISK-ANALYSIS-HIGH-RISK")));
        cases.add(c("NL commitment: IAMA done before use fulfils the risk analysis of a high-risk system",
                system().highAnnexIII().inUse("2026-01-01").assessment(AssessmentType.IAMA, AssessmentStatus.DONE, "2025-12-01"), "2026-02-01",
                expect("NL-RISK-ANALYSIS-HIGH-RISK", "2026-01-01", FULFILLED, NL)));
        cases.add(c("NL commitment: high-risk system put into service 2026-01-01 without risk analysis -> OVERDUE from first use",
                system().highAnnexIII().inUse("2026-01-01"), "2026-02-01",
                expect("NL-RISK-ANALYSIS-HIGH-RISK", "2026-01-01", OVERDUE, NL)));
        cases.add(c("NL government-wide position on generative AI (Kamerstuk 26 643, nr. 1331): risk analysis before use; a DPIA fulfils it",
                system().generative().inUse("2025-09-01").assessment(AssessmentType.DPIA, AssessmentStatus.DONE, "2025-08-15"), "2025-10-01",
                expect("NL-RISK-ANALYSIS-GENERATIVE-AI", "2025-09-01", FULFILLED, NL)));
        cases.add(c("NL government-wide position on generative AI: no risk analysis -> OVERDUE from first use",
                system().generative().inUse("2025-09-01"), "2025-10-01",
                expect("NL-RISK-ANALYSIS-GENERATIVE-AI", "2025-09-01", OVERDUE, NL)));
        cases.add(c("NL commitments are not in force before 2024-11-08 -> absent on 2024-10-01",
                system().highAnnexIII().inUse("2024-01-01"), "2024-10-01",
                absent("NL-ALGORITMEREGISTER-HIGH-RISK"), absent("NL-RISK-ANALYSIS-HIGH-RISK")));
        // ---- issue 17: review dates (due on a date the organisation recorded; no date, no obligation)
        cases.add(c("Review dates: an Algoritmeregister entry without a review date, a classification without one -> no review obligation",
                system().highAnnexIII().inUse("2024-01-01").registered(PublicRegister.ALGORITMEREGISTER, "2025-10-01"), "2026-01-15",
                absent("NL-ALGORITMEREGISTER-REVIEW"), absent("NL-CLASSIFICATION-REVIEW")));
        cases.add(c("Review dates: the Algoritmeregister's herzieningsdatum 2027-06-01, seen on 2026-09-01 -> NOT_YET_DUE",
                system().inUse("2024-01-01").registered(PublicRegister.ALGORITMEREGISTER, "2025-06-01")
                        .algoritmeregisterReview("2027-06-01"), "2026-09-01",
                expect("NL-ALGORITMEREGISTER-REVIEW", "2027-06-01", NOT_YET_DUE, NL, "herzieningsdatum"),
                absent("NL-CLASSIFICATION-REVIEW")));
        cases.add(c("Review dates: the herzieningsdatum within 90 days -> DUE_SOON",
                system().inUse("2024-01-01").registered(PublicRegister.ALGORITMEREGISTER, "2025-06-01")
                        .algoritmeregisterReview("2027-06-01"), "2027-04-01",
                expect("NL-ALGORITMEREGISTER-REVIEW", "2027-06-01", DUE_SOON, NL)));
        cases.add(c("Review dates: on the herzieningsdatum itself -> DUE_SOON; the day after -> OVERDUE (next case)",
                system().inUse("2024-01-01").algoritmeregisterReview("2027-06-01"), "2027-06-01",
                expect("NL-ALGORITMEREGISTER-REVIEW", "2027-06-01", DUE_SOON, NL)));
        cases.add(c("Review dates: the herzieningsdatum has passed without a new registration -> OVERDUE",
                system().inUse("2024-01-01").algoritmeregisterReview("2027-06-01"), "2027-06-02",
                expect("NL-ALGORITMEREGISTER-REVIEW", "2027-06-01", OVERDUE, NL, "Overdue since 2027-06-01")));
        cases.add(c("Review dates: a new registration with a later review date moves the due date -> NOT_YET_DUE again",
                system().inUse("2024-01-01").algoritmeregisterReview("2028-06-01"), "2027-06-02",
                expect("NL-ALGORITMEREGISTER-REVIEW", "2028-06-01", NOT_YET_DUE, NL)));
        cases.add(c("Review dates: a classification's review date 2027-03-01, passed on 2027-03-10 -> OVERDUE; ahead on 2026-12-15 -> DUE_SOON",
                system().highAnnexIII().inUse("2024-01-01").classificationReview("2027-03-01"), "2027-03-10",
                expect("NL-CLASSIFICATION-REVIEW", "2027-03-01", OVERDUE, NL, "latest risk classification"),
                absent("NL-ALGORITMEREGISTER-REVIEW")));
        cases.add(c("Review dates: a classification's review date ahead within 90 days -> DUE_SOON",
                system().risk(RiskClass.MINIMAL).classificationReview("2027-03-01"), "2026-12-15",
                expect("NL-CLASSIFICATION-REVIEW", "2027-03-01", DUE_SOON, NL)));
        cases.add(c("Review dates: a private-sector organisation's own review commitment counts too",
                system().privateSector().risk(RiskClass.LIMITED).classificationReview("2027-03-01"), "2026-06-01",
                expect("NL-CLASSIFICATION-REVIEW", "2027-03-01", NOT_YET_DUE, NL)));
        cases.add(c("Review dates: an ended system has nothing left to review -> NOT_APPLICABLE",
                system().inUse("2024-01-01").ended("2026-01-01").algoritmeregisterReview("2027-06-01"), "2027-07-01",
                expect("NL-ALGORITMEREGISTER-REVIEW", "2027-06-01", NOT_APPLICABLE, NL)));
        // ---- issue 19: Art 72, Art 73 (providers of high-risk systems)
        cases.add(c("Art 72, Art 73: provider of a planned Annex III high-risk system under ai-act-2024 -> post-market monitoring and incident reporting due 2026-08-02",
                system().provider().highAnnexIII(), "2026-06-01",
                expect("ART72-POST-MARKET-MONITORING", "2026-08-02", DUE_SOON, V2024),
                expect("ART73-SERIOUS-INCIDENTS", "2026-08-02", DUE_SOON, V2024, "15 days")));
        cases.add(c("Art 72, Art 73 (omnibus): the same provider -> due 2027-12-02",
                system().provider().highAnnexIII(), "2026-09-01",
                expect("ART72-POST-MARKET-MONITORING", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("ART73-SERIOUS-INCIDENTS", "2027-12-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 72, Art 73: a deployer bears neither (its part is Art 26(5))",
                system().highAnnexIII().inUse("2028-01-10"), "2028-02-01",
                absent("ART72-POST-MARKET-MONITORING"), absent("ART73-SERIOUS-INCIDENTS"),
                expect("ART26-DEPLOYER-DUTIES", "2028-01-10", OVERDUE, OMNIBUS)));
        cases.add(c("Art 73 and Art 111(2): provider and deployer of a legacy public system in service 2025-03-01 -> due 2030-08-02",
                system().role(Role.BOTH).highAnnexIII().inUse("2025-03-01"), "2026-09-01",
                expect("ART72-POST-MARKET-MONITORING", "2030-08-02", NOT_YET_DUE, OMNIBUS),
                expect("ART73-SERIOUS-INCIDENTS", "2030-08-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 72 (omnibus): provider of an Annex I product -> due 2028-08-02",
                system().provider().highAnnexI(), "2026-09-01",
                expect("ART72-POST-MARKET-MONITORING", "2028-08-02", NOT_YET_DUE, OMNIBUS)));
        // ---- Art 6(4): providers claiming Art 6(3)
        cases.add(c("Art 6(4): provider claiming Art 6(3) under ai-act-2024 -> document the assessment by 2026-08-02; Art 49(2) beside it",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(d)"),
                "2026-06-01",
                expect("ART6-4-ASSESSMENT-DOCUMENTATION", "2026-08-02", DUE_SOON, V2024),
                expect("ART49-2-EXEMPT-REGISTRATION", "2026-08-02", DUE_SOON, V2024)));
        cases.add(c("Art 6(4) (omnibus): the same provider -> due 2027-12-02, Art 49(2) kept",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(d)"),
                "2026-09-01",
                expect("ART6-4-ASSESSMENT-DOCUMENTATION", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("ART49-2-EXEMPT-REGISTRATION", "2027-12-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 6(4): provider put into service 2028-01-10 without a documented assessment -> OVERDUE from first use; no high-risk duties",
                system().provider().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)")
                        .inUse("2028-01-10"), "2028-02-01",
                expect("ART6-4-ASSESSMENT-DOCUMENTATION", "2028-01-10", OVERDUE, OMNIBUS, "first use"),
                absent("ART16-PROVIDER-DUTIES"), absent("ART72-POST-MARKET-MONITORING")));
        cases.add(c("Art 6(4): a deployer of an exempted system bears neither Art 6(4) nor Art 49(2)",
                system().risk(RiskClass.MINIMAL, BasisKind.ANNEX_III_AREA, "III.4(a)").basis(BasisKind.ART6_3_EXEMPTION, "6(3)(a)"),
                "2026-09-01",
                absent("ART6-4-ASSESSMENT-DOCUMENTATION"), absent("ART49-2-EXEMPT-REGISTRATION")));
        // ---- Annex III point 2 (critical infrastructure): Art 27(1), 86(1), 49(1), 49(3), 26(8) exclude it; Art 49(5) registers it nationally
        cases.add(c("Art 27(1), 86(1), 49(3), 26(8), 49(5) (omnibus): a water board's Annex III point 2 system -> no FRIA, no Art 86, no EU database; national registration due 2027-12-02",
                system().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.2"), "2026-09-01",
                absent("ART27-FRIA"), absent("ART86-EXPLANATION"), absent("ART49-3-REGISTRATION"), absent("ART26-8-PROVIDER-REGISTERED"),
                expect("ART49-5-NATIONAL-REGISTRATION", "2027-12-02", NOT_YET_DUE, OMNIBUS, "national level"),
                expect("ART26-DEPLOYER-DUTIES", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("NL-ALGORITMEREGISTER-HIGH-RISK", "2025-12-31", OVERDUE, NL)));
        cases.add(c("Art 27(1), 86(1), 49(3), 26(8), 49(5) (ai-act-2024): the same water board system -> national registration due 2026-08-02",
                system().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.2"), "2026-06-01",
                absent("ART27-FRIA"), absent("ART86-EXPLANATION"), absent("ART49-3-REGISTRATION"), absent("ART26-8-PROVIDER-REGISTERED"),
                expect("ART49-5-NATIONAL-REGISTRATION", "2026-08-02", DUE_SOON, V2024),
                expect("ART26-DEPLOYER-DUTIES", "2026-08-02", DUE_SOON, V2024)));
        cases.add(c("Art 49(5) and Art 111(2): a water board's point 2 system in service since 2025-03-01 -> national registration by 2030-08-02",
                system().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "Annex III point 2").inUse("2025-03-01"), "2026-09-01",
                expect("ART49-5-NATIONAL-REGISTRATION", "2030-08-02", NOT_YET_DUE, OMNIBUS, "III.2 (recorded as 'Annex III point 2')"),
                absent("ART27-FRIA"), absent("ART49-3-REGISTRATION")));
        cases.add(c("Art 49(1), 49(5): the provider of a point 2 system registers it at national level, not in the EU database; Art 72 applies",
                system().provider().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.2"), "2026-09-01",
                expect("ART49-5-NATIONAL-REGISTRATION", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("ART72-POST-MARKET-MONITORING", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                absent("ART49-1-REGISTRATION")));
        cases.add(c("Art 49(5): a private deployer of a point 2 system registers nothing; its Art 26 duties remain",
                system().privateSector().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.2").inUse("2028-01-10"), "2028-02-01",
                absent("ART49-5-NATIONAL-REGISTRATION"), absent("ART27-FRIA"),
                expect("ART26-DEPLOYER-DUTIES", "2028-01-10", OVERDUE, OMNIBUS)));
        cases.add(c("Art 27(1): a system of point 2 and of point 5(a) -> the 5(a) basis brings the FRIA and the EU database registration",
                system().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.2").basis(BasisKind.ANNEX_III_AREA, "III.5(a)"), "2026-09-01",
                expect("ART27-FRIA", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("ART49-3-REGISTRATION", "2027-12-02", NOT_YET_DUE, OMNIBUS),
                expect("ART49-5-NATIONAL-REGISTRATION", "2027-12-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 27(1): a private deployer of a credit-scoring system (Annex III point 5(b)) performs a FRIA before first use",
                system().privateSector().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "III.5(b)").inUse("2028-01-10"), "2028-02-01",
                expect("ART27-FRIA", "2028-01-10", OVERDUE, OMNIBUS)));
        cases.add(c("Art 27(1) (ai-act-2024): a private deployer of a life-insurance pricing system (point 5(c)) -> FRIA due 2026-08-02",
                system().privateSector().risk(RiskClass.HIGH, BasisKind.ANNEX_III_AREA, "Annex III point 5(c)"), "2026-06-01",
                expect("ART27-FRIA", "2026-08-02", DUE_SOON, V2024)));
        // ---- Art 2(2): Annex I section B
        cases.add(c("Art 2(2) (omnibus): a product of Annex I section B (Regulation (EC) No 300/2008) -> the Chapter III duties do not apply",
                system().role(Role.BOTH).risk(RiskClass.HIGH, BasisKind.ANNEX_I_PRODUCT, "Regulation (EC) No 300/2008"), "2026-09-01",
                expect("ART26-DEPLOYER-DUTIES", "2026-07-27", NOT_APPLICABLE, OMNIBUS, "Art 2(2)"),
                expect("ART16-PROVIDER-DUTIES", "2026-07-27", NOT_APPLICABLE, OMNIBUS, "section B")));
        cases.add(c("Art 2(2) (ai-act-2024): the same section B product -> not applicable",
                system().risk(RiskClass.HIGH, BasisKind.ANNEX_I_PRODUCT, "I.B.20"), "2026-06-01",
                expect("ART26-DEPLOYER-DUTIES", "2024-08-01", NOT_APPLICABLE, V2024, "Art 2(2)")));
        cases.add(c("Art 6(1): an Annex I section A product named by its short name (MDR) -> the Annex I date, 2028-08-02 (omnibus)",
                system().risk(RiskClass.HIGH, BasisKind.ANNEX_I_PRODUCT, "MDR"), "2026-09-01",
                expect("ART26-DEPLOYER-DUTIES", "2028-08-02", NOT_YET_DUE, OMNIBUS)));
        // ---- general-purpose AI models: Art 51-55
        cases.add(c("Art 55, Art 52 (ai-act-2024): provider of a model with systemic risk placed on the market 2025-10-01 -> due from then",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).systemicRisk().inUse("2025-10-01"), "2026-01-01",
                expect("ART55-SYSTEMIC-RISK", "2025-10-01", OVERDUE, V2024, "systemic risk"),
                expect("ART52-SYSTEMIC-RISK-NOTIFICATION", "2025-10-01", OVERDUE, V2024),
                expect("ART53-GPAI-PROVIDER", "2025-10-01", OVERDUE, V2024)));
        cases.add(c("Art 55, Art 111(3) (omnibus): a model with systemic risk placed on the market 2025-03-01 -> due 2027-08-02",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).systemicRisk().inUse("2025-03-01"), "2026-09-01",
                expect("ART55-SYSTEMIC-RISK", "2027-08-02", NOT_YET_DUE, OMNIBUS),
                expect("ART52-SYSTEMIC-RISK-NOTIFICATION", "2027-08-02", NOT_YET_DUE, OMNIBUS)));
        cases.add(c("Art 55: a model without systemic risk has neither Art 55 nor the Art 52 notification",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).inUse("2025-10-01"), "2026-09-01",
                absent("ART55-SYSTEMIC-RISK"), absent("ART52-SYSTEMIC-RISK-NOTIFICATION"),
                expect("ART53-GPAI-PROVIDER", "2025-10-01", OVERDUE, OMNIBUS)));
        cases.add(c("Art 53(2), 54(6) (omnibus): an open-source model without systemic risk -> copyright policy and training summary only",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).openSource().inUse("2025-10-01"), "2026-09-01",
                expect("ART53-2-OPEN-SOURCE-MODEL", "2025-10-01", OVERDUE, OMNIBUS, "free and open-source licence"),
                expect("ART54-AUTHORISED-REPRESENTATIVE", "2025-08-02", NOT_APPLICABLE, OMNIBUS, "54(6)"),
                absent("ART53-GPAI-PROVIDER"), absent("ART55-SYSTEMIC-RISK")));
        cases.add(c("Art 53(2), Art 111(3) (ai-act-2024): an open-source model placed on the market 2025-03-01 -> due 2027-08-02",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).openSource().inUse("2025-03-01"), "2026-01-01",
                expect("ART53-2-OPEN-SOURCE-MODEL", "2027-08-02", NOT_YET_DUE, V2024), absent("ART53-GPAI-PROVIDER")));
        cases.add(c("Art 53(2), last sentence: an open-source model with systemic risk keeps Art 53(1) and Art 55",
                system().provider().gpai(GpaiRelation.IS_GPAI_MODEL).openSource().systemicRisk().inUse("2025-10-01"), "2026-09-01",
                expect("ART53-GPAI-PROVIDER", "2025-10-01", OVERDUE, OMNIBUS),
                expect("ART55-SYSTEMIC-RISK", "2025-10-01", OVERDUE, OMNIBUS),
                absent("ART53-2-OPEN-SOURCE-MODEL")));
        cases.add(c("Art 50(2), Art 4 (omnibus): a generative general-purpose AI model as such bears neither, nor a risk class; Chapter V applies",
                system().provider().generative().gpai(GpaiRelation.IS_GPAI_MODEL).risk(RiskClass.UNKNOWN).inUse("2025-10-01"), "2026-09-01",
                absent("ART50-2-MARKING"), absent("ART4-LITERACY"), absent("CLASSIFY"),
                expect("ART53-GPAI-PROVIDER", "2025-10-01", OVERDUE, OMNIBUS)));
        cases.add(c("Art 50(2), Art 4 (ai-act-2024): the same model as such bears neither",
                system().provider().generative().gpai(GpaiRelation.IS_GPAI_MODEL).inUse("2025-10-01"), "2026-06-01",
                absent("ART50-2-MARKING"), absent("ART4-LITERACY")));
        cases.add(c("Art 50(2), Art 4: a generative system built on a general-purpose AI model (USES_GPAI_MODEL) marks its output and trains its staff",
                system().provider().generative().gpai(GpaiRelation.USES_GPAI_MODEL).inUse("2026-09-01"), "2026-10-01",
                expect("ART50-2-MARKING", "2026-09-01", OVERDUE, OMNIBUS),
                expect("ART4-LITERACY", "2025-02-02", OVERDUE, OMNIBUS), absent("ART53-GPAI-PROVIDER")));
        cases.add(c("NL government-wide position on generative AI: a general-purpose AI model as such is not an application -> no risk-analysis commitment",
                system().provider().generative().gpai(GpaiRelation.IS_GPAI_MODEL).inUse("2025-10-01"), "2025-11-01",
                absent("NL-RISK-ANALYSIS-GENERATIVE-AI"), expect("ART53-GPAI-PROVIDER", "2025-10-01", OVERDUE, V2024)));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void obligations(String name, SystemFacts facts, LocalDate asOf, List<Expect> expectations) {
        List<Obligation> obligations = ENGINE.evaluate(facts, RULEBOOKS.inForceOn(asOf), asOf);
        String all = obligations.stream().map(o -> o.code() + " " + o.dueDate() + " " + o.status() + " " + o.rulebook())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
        for (Expect e : expectations) {
            List<Obligation> matching = obligations.stream().filter(o -> o.code().equals(e.code())).toList();
            if (e.status() == null) {
                assertTrue(matching.isEmpty(), e.code() + " should be absent; got:" + all);
                continue;
            }
            if (matching.size() != 1) {
                fail("expected one " + e.code() + "; got:" + all);
            }
            Obligation o = matching.get(0);
            assertEquals(LocalDate.parse(e.due()), o.dueDate(), e.code() + " due date; reason: " + o.reason());
            assertEquals(e.status(), o.status(), e.code() + " status; reason: " + o.reason());
            assertEquals(e.rulebook(), o.rulebook(), e.code() + " rulebook");
            if (e.reasonContains() != null) {
                assertTrue(o.reason().contains(e.reasonContains()), e.code() + " reason should contain '" + e.reasonContains() + "': "
                        + o.reason());
            }
        }
        for (Obligation o : obligations) {
            assertFalse(o.reason().isBlank() || o.source().isBlank() || o.article().isBlank() || o.title().isBlank(), o.toString());
            assertTrue(o.bearer() != null && o.dueDate() != null && o.status() != null, o.toString());
        }
        for (int i = 1; i < obligations.size(); i++) {
            Obligation a = obligations.get(i - 1);
            Obligation b = obligations.get(i);
            assertTrue(a.dueDate().isBefore(b.dueDate()) || (a.dueDate().equals(b.dueDate()) && a.code().compareTo(b.code()) <= 0),
                    "order by due date then code:" + all);
        }
    }

    @Test
    void atLeastFortyFiveCases() {
        assertTrue(cases().count() >= 45, "cases: " + cases().count());
    }

    @Test
    void dueSoonWindowIsTheEngineParameter() {
        SystemFacts planned = system().highAnnexIII().build();
        LocalDate due = LocalDate.of(2027, 12, 2);
        assertEquals(DUE_SOON, status(new ObligationEngine(90), planned, due.minusDays(90)));
        assertEquals(NOT_YET_DUE, status(new ObligationEngine(90), planned, due.minusDays(91)));
        assertEquals(NOT_YET_DUE, status(new ObligationEngine(30), planned, due.minusDays(31)));
        assertEquals(DUE_SOON, status(new ObligationEngine(30), planned, due.minusDays(30)));
        assertEquals(DUE_SOON, status(new ObligationEngine(30), planned, due));
        assertEquals(OVERDUE, status(new ObligationEngine(30), planned, due.plusDays(1)));
        assertEquals(90, new ObligationEngine().dueSoonDays());
    }

    @Test
    void theSameFactsGiveTheSameObligations() {
        SystemFacts facts = system().role(Role.BOTH).highAnnexIII().generative().inUse("2025-03-01").build();
        LocalDate asOf = LocalDate.of(2026, 9, 1);
        assertEquals(ENGINE.evaluate(facts, RULEBOOKS.inForceOn(asOf), asOf), ENGINE.evaluate(facts, RULEBOOKS.inForceOn(asOf), asOf));
    }

    @Test
    void reasonsNameTheFactsTheArticleAndBothReadings() {
        SystemFacts facts = system().highAnnexIII().inUse("2025-03-01").build();
        LocalDate asOf = LocalDate.of(2026, 3, 1);
        Obligation o = ENGINE.evaluate(facts, RULEBOOKS.inForceOn(asOf), asOf).stream()
                .filter(x -> x.code().equals("ART26-DEPLOYER-DUTIES")).findFirst().orElseThrow();
        assertEquals("Art. 26", o.article());
        assertEquals(Role.DEPLOYER, o.bearer());
        assertEquals("Regulation (EU) 2024/1689, Art 111(2)", o.source());
        for (String part : Arrays.asList("risk class HIGH", "basis ANNEX_III_AREA III.5(a)", "public authority", "in service since 2025-03-01",
                "2030-12-31", "Kamerstuk 26 643, nr. 1233")) {
            assertTrue(o.reason().contains(part), part + " missing in: " + o.reason());
        }
    }

    private static ObligationStatus status(ObligationEngine engine, SystemFacts facts, LocalDate asOf) {
        return engine.evaluate(facts, RULEBOOKS.inForceOn(asOf), asOf).stream().filter(o -> o.code().equals("ART26-DEPLOYER-DUTIES"))
                .findFirst().orElseThrow().status();
    }
}
