package eu.aiact.tracker.domain.rulebook;

import java.time.LocalDate;
import java.util.List;

/**
 * A named date of a rulebook with its legal source, e.g. {@code prohibitions: 2025-02-02, Regulation (EU) 2024/1689, Art 113(a)}.
 *
 * @param otherReadings  readings of other sources that disagree, not applied
 * @param appliedBecause why the rulebook applies this date rather than the other readings
 * @param readingsText   the other readings and why they are not applied, as sentences (precomputed; empty when there are none)
 */
public record Milestone(String id, LocalDate date, String source, String note, List<Reading> otherReadings, String appliedBecause,
        String readingsText) {

    static Milestone of(String id, LocalDate date, String source, String note, List<Reading> otherReadings, String appliedBecause) {
        StringBuilder text = new StringBuilder();
        for (Reading reading : otherReadings) {
            text.append(' ').append(reading.sentence());
            if (!reading.sentence().endsWith(".")) {
                text.append('.');
            }
        }
        if (appliedBecause != null && !otherReadings.isEmpty()) {
            text.append(" Applied: ").append(date).append(" (").append(source).append("), because ").append(appliedBecause);
            if (!appliedBecause.endsWith(".")) {
                text.append('.');
            }
        }
        return new Milestone(id, date, source, note, List.copyOf(otherReadings), appliedBecause, text.toString());
    }
}
