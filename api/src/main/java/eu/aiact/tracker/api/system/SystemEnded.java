package eu.aiact.tracker.api.system;

import java.time.LocalDate;

/** Event: the system ended on {@code effectiveDate}, coming from {@code previousPhase}. Obligations may outlive it (Art 18). */
public record SystemEnded(
        String systemId,
        LocalDate effectiveDate,
        EndReason reason,
        String explanation,
        Phase previousPhase) {
}
