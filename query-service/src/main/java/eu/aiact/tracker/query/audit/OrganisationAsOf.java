package eu.aiact.tracker.query.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.domain.obligation.Obligation;

/**
 * An organisation's portfolio on {@code date} as its records made before {@code knownAt} described it: every system it had registered
 * by then, with its phase, class and obligations under the rulebooks in force on the date, and the obligations counted by status.
 */
public record OrganisationAsOf(String organisation, LocalDate date, Instant knownAt, List<String> rulebooks,
        Map<ObligationStatus, Long> obligationsByStatus, List<SystemSummary> systems) {

    /** One system of the portfolio; {@code phase} is null when it was registered by then with a start after the date. */
    public record SystemSummary(String systemId, String name, Phase phase, RiskClass riskClass, List<Obligation> obligations) {
    }
}
