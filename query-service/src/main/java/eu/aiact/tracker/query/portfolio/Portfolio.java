package eu.aiact.tracker.query.portfolio;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import eu.aiact.tracker.query.obligation.ObligationRow;

/**
 * The portfolio of one organisation ({@code organisation} set) or of all: the breakdowns of the court of audit's inventory (seed 000),
 * the open deadlines by month, what is overdue and what is a violation, and what each rulebook version moved. Every map keeps a fixed
 * key order (enum order, then "UNKNOWN"), with zero counts included, so that dashboards and tests can rely on the keys.
 */
public record Portfolio(
        String organisation,
        LocalDate evaluatedOn,
        long systems,
        long organisations,
        Map<String, Long> byPhase,
        Map<String, Long> byLifecycle,
        Map<String, Long> byRiskClass,
        Map<String, Long> byPurpose,
        Map<String, Long> byDevelopedBy,
        Map<String, Long> byGenerativeAi,
        Map<String, Map<String, Long>> assessments,
        Registers registers,
        List<MonthDeadlines> deadlinesByMonth,
        long overdueCount,
        List<ObligationRow> overdue,
        long violationCount,
        List<ObligationRow> violations,
        List<RulebookImpact> rulebookChanges) {

    /**
     * Public registers: systems in the Algoritmeregister per publication category (a system counts once per category it is published
     * under), in the EU database, in the Algoritmeregister at all, and in neither.
     */
    public record Registers(Map<String, Long> algoritmeregister, long algoritmeregisterTotal, long euDatabase, long none) {
    }

    /** Open obligations (not yet due, due soon, overdue) due in one month ({@code YYYY-MM}), and how many systems they concern. */
    public record MonthDeadlines(String month, long obligations, long systems) {
    }

    /** What one rulebook version moved when it became applicable: how many systems and obligations. */
    public record RulebookImpact(String versionId, long systems, long obligations) {
    }
}
