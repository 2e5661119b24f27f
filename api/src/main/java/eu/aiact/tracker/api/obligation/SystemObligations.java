package eu.aiact.tracker.api.obligation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.system.Phase;

/**
 * All obligations of one system as just evaluated, with the facts an alert needs. Replaces every earlier message for the system: an
 * obligation missing here no longer applies. Keyed by the system id.
 *
 * @param systemVersion the system's last event sequence number folded in
 * @param evaluatedOn   the date the statuses are for
 * @param evaluatedAt   when the evaluation ran; a reader ignores a message older than the one it holds
 */
public record SystemObligations(
        String systemId,
        String organisation,
        String systemName,
        Phase phase,
        boolean paused,
        RiskClass riskClass,
        LocalDate experimentStartedOn,
        LocalDate inServiceSince,
        LocalDate endedOn,
        long systemVersion,
        LocalDate evaluatedOn,
        Instant evaluatedAt,
        List<ObligationItem> obligations) implements ObligationFeedMessage {

    @Override
    public String key() {
        return systemId;
    }
}
