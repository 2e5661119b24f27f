package eu.aiact.tracker.domain.obligation;

import eu.aiact.tracker.api.obligation.ObligationStatus;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import eu.aiact.tracker.api.compliance.AssessmentStatus;
import eu.aiact.tracker.api.compliance.EvidenceKind;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.api.system.Role;
import eu.aiact.tracker.domain.rulebook.AfterEnd;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.Condition;
import eu.aiact.tracker.domain.rulebook.Fulfilment;
import eu.aiact.tracker.domain.rulebook.Milestone;
import eu.aiact.tracker.domain.rulebook.NotBefore;
import eu.aiact.tracker.domain.rulebook.Rule;
import eu.aiact.tracker.domain.rulebook.RuleKind;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.ScheduleCase;

/**
 * The obligations of one system on one date: a pure function of the system's facts, the rulebooks that apply and the date. All dates,
 * articles and sources come from the rulebooks; this class holds the logic only.
 *
 * <p>Per rule: the organisation must bear it (provider / deployer / either) and its conditions must hold; its schedule picks the due date
 * (a milestone, a transitional case of Art 111, or the date of a significant modification that ends the transitional treatment); the
 * rule's {@code notBefore} moves the date to first use. The status is then, in this order:
 * <ol>
 * <li>NOT_APPLICABLE when the rule says so (e.g. a provision deleted by an amendment) or a transitional case excludes the system;</li>
 * <li>the evidence recorded for the rule's code (FULFILLED or NOT_APPLICABLE, its statement quoted), or a recorded assessment /
 * registration the rule accepts (FULFILLED);</li>
 * <li>prohibitions: in use on or after the ban date: VIOLATION, every day until it ends; not in use (planned, experiment) and past the
 * ban date: OVERDUE (it must not go into use); ended on or before the ban date: FULFILLED; ended after it: FULFILLED, with the period of
 * the breach in the reason (the breach is history; the duty to stop is met, so alerts stop);</li>
 * <li>duties of an ended system: NOT_APPLICABLE, naming the period they applied, unless the rule continues after the end (Art 18);</li>
 * <li>otherwise by date: OVERDUE after the due date, DUE_SOON within the window (due date included), NOT_YET_DUE before it.</li>
 * </ol>
 * Experiments and planned systems are not in use; their duties carry the same due dates (so they are met before first use), and a
 * prohibited practice in an experiment is OVERDUE, not a VIOLATION.
 *
 * <p>A pause ("temporarily paused") ends neither the service nor the duties: a paused system stays put into service (Art 3(11)), so its
 * duties and due dates remain exactly as when it runs (the reason says it is paused). But a paused system is not in use while paused:
 * a paused prohibited practice is no violation that day (Art 5 forbids the use); it is OVERDUE, as it must be ended, not resumed.
 */
public final class ObligationEngine {

    public static final int DEFAULT_DUE_SOON_DAYS = 90;

    private static final Comparator<Obligation> ORDER = Comparator.comparing(Obligation::dueDate).thenComparing(Obligation::code)
            .thenComparing(Obligation::rulebook);

    private final int dueSoonDays;

    public ObligationEngine() {
        this(DEFAULT_DUE_SOON_DAYS);
    }

    /** @param dueSoonDays how many days before its due date an obligation is DUE_SOON */
    public ObligationEngine(int dueSoonDays) {
        if (dueSoonDays < 0) {
            throw new IllegalArgumentException("dueSoonDays must not be negative: " + dueSoonDays);
        }
        this.dueSoonDays = dueSoonDays;
    }

    public int dueSoonDays() {
        return dueSoonDays;
    }

    /** The obligations of the system on {@code asOf}, by due date then code. */
    public List<Obligation> evaluate(SystemFacts facts, ApplicableRulebooks rulebooks, LocalDate asOf) {
        if (facts == null || rulebooks == null || asOf == null) {
            throw new IllegalArgumentException("facts, rulebooks and asOf are required");
        }
        LocalDate soonLimit = asOf.plusDays(dueSoonDays);
        List<Obligation> out = new ArrayList<>();
        for (Rulebook rulebook : rulebooks.all()) {
            for (Rule rule : rulebook.rules()) {
                if (rule.bearer().binds(facts.role()) && Condition.all(rule.conditions(), facts)
                        && (rule.dueFact() == null || rule.dueFact().of(facts) != null)) {
                    out.add(evaluate(rule, rulebook, facts, asOf, soonLimit));
                }
            }
        }
        if (out.size() > 1) {
            out.sort(ORDER);
        }
        return out;
    }

    private Obligation evaluate(Rule rule, Rulebook rulebook, SystemFacts facts, LocalDate asOf, LocalDate soonLimit) {
        Role bearer = rule.bearer().asRole(facts.role());
        StringBuilder reason = new StringBuilder(320);
        reason.append(rule.article()).append(" (").append(rulebook.id()).append("): ").append(rule.requirement());
        if (!rule.requirement().endsWith(".")) {
            reason.append('.');
        }
        reason.append(" Applies because the organisation is ").append(role(facts.role()));
        if (rule.conditions().length > 0) {
            reason.append(", ");
            Condition.describeAll(rule.conditions(), facts, reason);
        }
        reason.append('.');

        // the due date: the schedule's case, a modification ending the transitional treatment, first use
        ScheduleCase c = rule.schedule().select(facts);
        Milestone milestone = c.due();
        LocalDate due;
        String source;
        boolean excluded = c.notApplicable() != null;
        if (excluded) {
            // not applicable: the date shown is the cut-off that excludes the system
            Milestone cutoff = c.grandfatheredUntilModificationFrom();
            if (c.inServiceBefore() != null) {
                due = c.inServiceBefore().date();
            } else {
                due = cutoff != null ? cutoff.date() : rulebook.inForceFrom();
            }
            source = cutoff != null ? cutoff.source() : rulebook.legalSource();
        } else if (rule.dueFact() != null) {
            due = rule.dueFact().of(facts);
            source = milestone.source();
            reason.append(" Due on ").append(rule.dueFact().description())
                    .append("; a new record with a later review date moves it.");
        } else {
            due = milestone.date();
            source = milestone.source();
        }
        if (c.explanation() != null) {
            reason.append(' ').append(c.explanation());
            if (c.inServiceBefore() != null || c.conditions().length > 0) {
                reason.append(" (");
                boolean first = true;
                if (c.inServiceBefore() != null) {
                    c.inServiceBefore().describe(facts, reason);
                    first = false;
                }
                if (c.conditions().length > 0) {
                    if (!first) {
                        reason.append(", ");
                    }
                    Condition.describeAll(c.conditions(), facts, reason);
                }
                reason.append(')');
            }
            reason.append('.');
        }
        Milestone cutoff = c.grandfatheredUntilModificationFrom();
        if (cutoff != null) {
            LocalDate modification = firstOnOrAfter(facts.significantModifications(), cutoff.date(), asOf);
            if (modification != null) {
                if (excluded || modification.isBefore(due)) {
                    due = modification;
                    source = cutoff.source() + " (significant modification on " + modification + ")";
                }
                excluded = false;
                reason.append(" The significant modification on ").append(modification).append(" (on or after ").append(cutoff.date())
                        .append(") ends the transitional treatment: the rule applies from that date.");
            } else if (excluded) {
                reason.append(" No significant modification on or after ").append(cutoff.date()).append(" is recorded.");
            }
        }
        if (!excluded) {
            if (rule.notBefore() == NotBefore.IN_SERVICE && facts.inServiceSince() != null && facts.inServiceSince().isAfter(due)) {
                due = facts.inServiceSince();
                source = source + "; applies from first use on " + due;
            } else if (rule.notBefore() == NotBefore.SIGNIFICANT_MODIFICATION) {
                LocalDate latest = latestUpTo(facts.significantModifications(), asOf);
                if (latest != null && latest.isAfter(due)) {
                    due = latest;
                    source = source + "; applies from the significant modification on " + due;
                }
            }
            reason.append(" Due ").append(due).append(" (").append(source).append(").");
        }

        ObligationStatus status = status(rule, facts, asOf, soonLimit, due, excluded, c, reason);
        reason.append(rule.readingsText());
        if (milestone != null && !excluded) {
            reason.append(milestone.readingsText());
        }
        if (cutoff != null && cutoff != milestone) {
            reason.append(cutoff.readingsText());
        }
        return new Obligation(rule.code(), rule.title(), rule.article(), bearer, due, status, rulebook.id(), reason.toString(), source);
    }

    private ObligationStatus status(Rule rule, SystemFacts facts, LocalDate asOf, LocalDate soonLimit, LocalDate due, boolean excluded,
            ScheduleCase c, StringBuilder reason) {
        if (rule.notApplicable() != null) {
            reason.append(" Not applicable: ").append(rule.notApplicable());
            return ObligationStatus.NOT_APPLICABLE;
        }
        if (excluded) {
            reason.append(" Not applicable: ").append(c.notApplicable());
            return ObligationStatus.NOT_APPLICABLE;
        }
        boolean ended = facts.phase() == Phase.ENDED || (facts.endedOn() != null && !facts.endedOn().isAfter(asOf));
        boolean inUse = !ended && facts.phase() == Phase.IN_USE;

        SystemFacts.Evidence evidence = evidence(facts.evidence(), rule.code(), asOf);
        if (evidence != null) {
            if (evidence.kind() == EvidenceKind.NOT_APPLICABLE) {
                reason.append(" Not applicable according to the evidence recorded").append(on(evidence.date())).append(": ")
                        .append(evidence.statement()).append(ref(evidence.reference()));
                return ObligationStatus.NOT_APPLICABLE;
            }
            if (rule.kind() == RuleKind.PROHIBITION && inUse && !asOf.isBefore(due)) {
                reason.append(" Evidence of fulfilment is recorded (").append(evidence.statement())
                        .append("), but the system is still in use.");
            } else {
                reason.append(" Fulfilled according to the evidence recorded").append(on(evidence.date())).append(": ")
                        .append(evidence.statement()).append(ref(evidence.reference()));
                return ObligationStatus.FULFILLED;
            }
        }
        String fulfilment = fulfilment(rule.fulfilledBy(), facts, asOf);
        if (fulfilment != null) {
            reason.append(" Fulfilled: ").append(fulfilment).append('.');
            return ObligationStatus.FULFILLED;
        }

        if (rule.kind() == RuleKind.PROHIBITION) {
            return prohibition(facts, asOf, soonLimit, due, ended, inUse, reason);
        }
        if (ended && rule.afterEnd() == AfterEnd.ENDS) {
            LocalDate endedOn = facts.endedOn() == null ? asOf : facts.endedOn();
            if (!endedOn.isAfter(due)) {
                reason.append(" Not applicable: the system ended on ").append(endedOn).append(", before the rule applied on ").append(due)
                        .append('.');
            } else {
                reason.append(" Not applicable any more: the system ended on ").append(endedOn).append("; the rule applied from ")
                        .append(due).append(" while it ran, and no fulfilment is recorded for that period.");
            }
            return ObligationStatus.NOT_APPLICABLE;
        }
        if (ended) {
            reason.append(" The system ended on ").append(facts.endedOn()).append(", but this duty continues after its use.");
        } else if (facts.paused()) {
            reason.append(" The system is paused: it stays put into service, so this duty and its due date remain.");
        } else if (facts.phase() == Phase.PLANNED || facts.phase() == Phase.EXPERIMENT) {
            reason.append(" The system is not in use (").append(facts.phase() == Phase.PLANNED ? "planned" : "experiment")
                    .append("); the due date applies so that the duty is met before first use.");
        }
        return byDate(asOf, soonLimit, due, reason);
    }

    private static ObligationStatus prohibition(SystemFacts facts, LocalDate asOf, LocalDate soonLimit, LocalDate due, boolean ended,
            boolean inUse, StringBuilder reason) {
        LocalDate inService = facts.inServiceSince();
        if (ended) {
            LocalDate endedOn = facts.endedOn() == null ? asOf : facts.endedOn();
            if (inService == null || !inService.isBefore(endedOn)) {
                reason.append(" Fulfilled: the system ended on ").append(endedOn).append(" without ever being in use.");
            } else if (!endedOn.isAfter(due)) {
                reason.append(" Fulfilled: the system was in use from ").append(inService).append(" and stopped on ").append(endedOn)
                        .append(", before the ban applied on ").append(due).append('.');
            } else {
                LocalDate from = inService.isAfter(due) ? inService : due;
                reason.append(" Fulfilled since ").append(endedOn).append(", when the system stopped. BREACH: it was in use from ")
                        .append(from).append(" to ").append(endedOn).append(" (").append(ChronoUnit.DAYS.between(from, endedOn))
                        .append(" days) after the ban applied on ").append(due).append('.');
            }
            return ObligationStatus.FULFILLED;
        }
        if (inUse && facts.paused()) {
            if (!asOf.isBefore(due)) {
                reason.append(" The prohibited practice is paused: not in use while paused, so no violation this day; but it is still put into")
                        .append(" service (since ").append(inService).append(") after the ban date ").append(due)
                        .append(": it must not resume; end it.");
                return ObligationStatus.OVERDUE;
            }
            reason.append(" The system is paused; it must not resume on or after ").append(due).append('.');
            return byDate(asOf, soonLimit, due, reason);
        }
        if (inUse) {
            if (!asOf.isBefore(due)) {
                reason.append(" VIOLATION: the prohibited practice is in use (since ").append(inService).append(") on or after the ban date ")
                        .append(due).append("; it must stop at once.");
                return ObligationStatus.VIOLATION;
            }
            reason.append(" The system is in use and must stop before ").append(due).append('.');
            return byDate(asOf, soonLimit, due, reason);
        }
        if (asOf.isAfter(due)) {
            reason.append(" The system is not in use (").append(facts.phase()).append("): not a violation, but it must not be put into ")
                    .append("service; end the ").append(facts.phase() == Phase.EXPERIMENT ? "experiment" : "plan").append('.');
            return ObligationStatus.OVERDUE;
        }
        reason.append(" The system is not in use (").append(facts.phase()).append("); it must not be put into service from ").append(due)
                .append('.');
        return byDate(asOf, soonLimit, due, reason);
    }

    private static ObligationStatus byDate(LocalDate asOf, LocalDate soonLimit, LocalDate due, StringBuilder reason) {
        if (asOf.isAfter(due)) {
            reason.append(" Overdue since ").append(due).append(": no fulfilment recorded.");
            return ObligationStatus.OVERDUE;
        }
        if (!due.isAfter(soonLimit)) {
            return ObligationStatus.DUE_SOON;
        }
        return ObligationStatus.NOT_YET_DUE;
    }

    private static SystemFacts.Evidence evidence(Map<String, SystemFacts.Evidence> evidence, String code, LocalDate asOf) {
        if (evidence == null || evidence.isEmpty()) {
            return null;
        }
        SystemFacts.Evidence e = evidence.get(code);
        return e == null || (e.date() != null && e.date().isAfter(asOf)) ? null : e;
    }

    private static String fulfilment(List<Fulfilment> accepted, SystemFacts facts, LocalDate asOf) {
        for (Fulfilment f : accepted) {
            if (f.assessment() != null && facts.assessments() != null) {
                for (SystemFacts.Assessment a : facts.assessments()) {
                    if (a.type() == f.assessment() && a.status() == AssessmentStatus.DONE && (a.date() == null || !a.date().isAfter(asOf))) {
                        return a.type() + " done" + on(a.date()) + (a.assessmentId() == null ? "" : " (" + a.assessmentId() + ")");
                    }
                }
            } else if (f.register() != null && facts.registrations() != null) {
                for (SystemFacts.Registration r : facts.registrations()) {
                    if (r.register() == f.register() && (f.category() == null || f.category() == r.category())
                            && (r.date() == null || !r.date().isAfter(asOf))) {
                        return "registered in " + r.register() + (r.category() == null ? "" : " (category " + r.category() + ")")
                                + on(r.date()) + (r.registerId() == null ? "" : " as " + r.registerId());
                    }
                }
            }
        }
        return null;
    }

    private static LocalDate firstOnOrAfter(List<LocalDate> dates, LocalDate from, LocalDate asOf) {
        if (dates == null) {
            return null;
        }
        LocalDate first = null;
        for (LocalDate d : dates) {
            if (d != null && !d.isBefore(from) && !d.isAfter(asOf) && (first == null || d.isBefore(first))) {
                first = d;
            }
        }
        return first;
    }

    private static LocalDate latestUpTo(List<LocalDate> dates, LocalDate asOf) {
        if (dates == null) {
            return null;
        }
        LocalDate latest = null;
        for (LocalDate d : dates) {
            if (d != null && !d.isAfter(asOf) && (latest == null || d.isAfter(latest))) {
                latest = d;
            }
        }
        return latest;
    }

    private static String role(Role role) {
        if (role == null) {
            return "deployer (role not recorded)";
        }
        return role == Role.BOTH ? "provider and deployer" : role.name().toLowerCase();
    }

    private static String on(LocalDate date) {
        return date == null ? "" : " on " + date;
    }

    private static String ref(String reference) {
        return reference == null || reference.isBlank() ? "." : " (" + reference + ").";
    }
}
