package eu.aiact.tracker.domain.rulebook;

import java.time.LocalDate;

/**
 * A reading of the law the rulebook records but does not apply (a source that disagrees with the one applied).
 *
 * @param source  who says it, e.g. "Kamerstuk 26 643, nr. 1233 (8 Nov 2024), answer 10"
 * @param date    the date that reading gives, if it gives one
 * @param reading what it says
 */
public record Reading(String source, LocalDate date, String reading) {

    /** One sentence for a reason text. */
    public String sentence() {
        return "Other reading (not applied): " + source + (date == null ? "" : " gives " + date) + ": " + reading;
    }
}
