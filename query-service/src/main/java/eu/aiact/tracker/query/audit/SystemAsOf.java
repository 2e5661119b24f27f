package eu.aiact.tracker.query.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import eu.aiact.tracker.domain.obligation.Obligation;
import eu.aiact.tracker.query.view.SystemView;

/**
 * A system on {@code date} as the records made before {@code knownAt} described it, and its obligations on that date under the
 * rulebooks in force then.
 */
public record SystemAsOf(String systemId, LocalDate date, Instant knownAt, List<String> rulebooks, SystemView state,
        List<Obligation> obligations) {
}
