package eu.aiact.tracker.domain.rulebook;

import java.time.LocalDate;

import eu.aiact.tracker.domain.obligation.SystemFacts;

/**
 * A recorded fact of the system that is a rule's due date ({@code dueFact} in a rulebook): the rule applies only to a system that has the
 * fact; the due date moves when a later record gives the fact another value.
 */
public enum DueFact {

    /** The review date (herzieningsdatum) of the system's latest Algoritmeregister registration. */
    ALGORITMEREGISTER_REVIEW("the review date (herzieningsdatum) of its latest Algoritmeregister registration") {
        @Override
        public LocalDate of(SystemFacts facts) {
            return facts.algoritmeregisterReviewDate();
        }
    },

    /** The review date recorded with the system's latest risk classification. */
    CLASSIFICATION_REVIEW("the review date of its latest risk classification") {
        @Override
        public LocalDate of(SystemFacts facts) {
            return facts.classificationReviewDate();
        }
    };

    private final String description;

    DueFact(String description) {
        this.description = description;
    }

    /** The fact's date for the system, or null when it has none (then the rule does not apply). */
    public abstract LocalDate of(SystemFacts facts);

    /** What the date is, for the obligation's reason. */
    public String description() {
        return description;
    }
}
