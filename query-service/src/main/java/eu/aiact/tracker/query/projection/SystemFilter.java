package eu.aiact.tracker.query.projection;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.Phase;

/**
 * Which systems a list shows; an empty (null) criterion matches every system.
 *
 * @param text        words found (case-insensitive) in the name, description, supplier or model
 * @param paused      paused (true) or not paused (false)
 * @param obligation  systems with at least one stored obligation in this status (e.g. {@code OVERDUE}, {@code DUE_SOON})
 * @param registered  registered in a public register (Algoritmeregister or EU database) or not
 * @param flagged     flagged for review (a lowered classification) or not
 */
public record SystemFilter(String organisation, Phase phase, RiskClass riskClass, String text, Boolean paused,
        ObligationStatus obligation, Boolean registered, Boolean flagged) {

    public SystemFilter(String organisation, Phase phase, RiskClass riskClass) {
        this(organisation, phase, riskClass, null, null, null, null, null);
    }
}
