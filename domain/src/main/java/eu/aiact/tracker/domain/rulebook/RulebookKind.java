package eu.aiact.tracker.domain.rulebook;

/** EU versions of the AI Act supersede each other; national (or organisational) rule sets apply beside the EU version in force. */
public enum RulebookKind {
    EU,
    NATIONAL
}
