package eu.aiact.tracker.domain.rulebook;

import eu.aiact.tracker.api.compliance.AlgoritmeregisterCategory;
import eu.aiact.tracker.api.compliance.AssessmentType;
import eu.aiact.tracker.api.compliance.PublicRegister;

/**
 * A recorded fact that fulfils a rule without separate evidence: an assessment of a type with status DONE, or a registration in a
 * public register (optionally of a category). Exactly one of {@code assessment} and {@code register} is set.
 */
public record Fulfilment(AssessmentType assessment, PublicRegister register, AlgoritmeregisterCategory category) {

    public String describe() {
        if (assessment != null) {
            return "assessment " + assessment + " done";
        }
        return "registration in " + register + (category == null ? "" : " (category " + category + ")");
    }
}
