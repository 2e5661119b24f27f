package eu.aiact.tracker.api.obligation;

/**
 * Where an obligation stands on the date it is evaluated.
 * <ul>
 * <li>NOT_YET_DUE: the due date is further away than the due-soon window;</li>
 * <li>DUE_SOON: the due date is within the window (or is today);</li>
 * <li>OVERDUE: the due date has passed and no fulfilment is recorded;</li>
 * <li>FULFILLED: evidence, an assessment or a registration shows it is met (or a prohibited system stopped in time);</li>
 * <li>NOT_APPLICABLE: it does not apply to this system (the reason says why);</li>
 * <li>VIOLATION: a prohibited practice is in use after its ban date.</li>
 * </ul>
 */
public enum ObligationStatus {
    NOT_YET_DUE,
    DUE_SOON,
    OVERDUE,
    FULFILLED,
    NOT_APPLICABLE,
    VIOLATION
}
