package eu.aiact.tracker.notifier.alert;

import java.time.LocalDate;

/** One due date that moved with a rulebook version (in a deadlines-moved notice). */
public record MovedDeadline(String systemId, String systemName, String code, String article, LocalDate oldDueDate,
        LocalDate newDueDate, String oldRulebook, String newRulebook) {
}
