package eu.aiact.tracker.query.projection;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.system.Phase;

/** Which systems a list shows; an empty criterion matches every system. */
public record SystemFilter(String organisation, Phase phase, RiskClass riskClass) {
}
