package eu.aiact.tracker.notifier.alert;

/** Why an alert fires. */
public enum AlertKind {
    /** A horizon (e.g. 30 days) before the due date was reached. */
    HORIZON("deadline"),
    /** The due date is today. */
    DUE("deadline"),
    /** The due date has passed (the first overdue alert). */
    OVERDUE("deadline"),
    /** Still overdue: a reminder every overdue-reminder-days. */
    OVERDUE_REMINDER("deadline"),
    /** A prohibited practice is in use after its ban date (one a day until it ends). */
    VIOLATION("violation"),
    /** A high-risk system in use without its fundamental rights impact assessment or registration (overdue). */
    CRITICAL_OVERDUE("critical"),
    /** An experiment that has run longer than the maximum. */
    EXPERIMENT_TOO_LONG("experiment"),
    /** Due dates moved when a rulebook version became applicable. */
    DEADLINES_MOVED("deadlines-moved"),
    /** A high or prohibited risk class was lowered: the organisation's reviewers must look at it. */
    CLASSIFICATION_LOWERED("classification-lowered"),
    /** The platform's daily notice: organisations without recipients, alerts that reached no person, dead letters. */
    UNROUTED("unrouted"),
    /** A record that a consumer of the platform could not process and set aside (a dead letter): the platform's administrators look. */
    RECORD_DEAD_LETTER("record-dead-letter");

    private final String eventType;

    AlertKind(String eventType) {
        this.eventType = eventType;
    }

    /** The CloudEvents type of an alert of this kind. */
    public String cloudEventType() {
        return "eu.aiact.tracker.alert." + eventType;
    }
}
