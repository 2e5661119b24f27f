package eu.aiact.tracker.notifier.tracking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.system.Phase;

/** One system as the notifier last heard of it, with all its obligations. */
public record TrackedSystem(
        String systemId,
        String organisation,
        String systemName,
        Phase phase,
        boolean paused,
        RiskClass riskClass,
        LocalDate experimentStartedOn,
        LocalDate inServiceSince,
        LocalDate endedOn,
        Instant evaluatedAt,
        List<TrackedObligation> obligations) {
}
