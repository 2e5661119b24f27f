package eu.aiact.tracker.notifier.clock;

/** The clock cannot be set here: it is for development and tests only (answered 409). */
public class ClockNotSettableException extends RuntimeException {

    public ClockNotSettableException() {
        super("The notifier's clock is not settable here: it is for development and tests only (tracker.notifier.clock.settable=true in"
                + " the development profile). To see what a sweep on another date would send, use GET /api/alerts/preview?asOf= or"
                + " POST /api/admin/simulations.");
    }
}
