package eu.aiact.tracker.domain.system;

import java.time.LocalDate;

/**
 * The date a fact takes effect: given by the caller (it may lie in the past), today when left out, never in the future, and never before
 * the facts it follows.
 */
final class EffectiveDates {

    private EffectiveDates() {
    }

    /** The given date, or today; refused when it lies after today. */
    static LocalDate pastOrToday(LocalDate given, LocalDate today) {
        if (given == null) {
            return today;
        }
        if (given.isAfter(today)) {
            throw new InvalidCommandException("effectiveDate",
                    "effectiveDate " + given + " lies in the future; record a fact once it has happened (today is " + today + ")");
        }
        return given;
    }

    /** Refuses {@code date} when it lies before {@code earliest} (a fact that cannot precede another). */
    static void notBefore(LocalDate date, LocalDate earliest, String what) {
        if (earliest != null && date.isBefore(earliest)) {
            throw new InvalidCommandException("effectiveDate",
                    "effectiveDate " + date + " lies before " + what + " (" + earliest + ")");
        }
    }
}
