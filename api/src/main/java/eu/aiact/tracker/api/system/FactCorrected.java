package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/**
 * Event: a recorded fact was corrected. The correction applies from the date of the fact it corrects; {@code effectiveDate} is the date
 * the correction was made.
 */
public record FactCorrected(
        String systemId,
        LocalDate effectiveDate,
        CorrectableFact fact,
        String previousValue,
        String correctedValue,
        String rationale) {
}
