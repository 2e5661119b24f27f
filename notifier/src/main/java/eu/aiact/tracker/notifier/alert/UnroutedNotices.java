package eu.aiact.tracker.notifier.alert;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.coverage.CoverageReport;
import eu.aiact.tracker.notifier.coverage.OrganisationCoverage;

/**
 * The platform's daily notice (to {@code tracker.notifier.platform-address}): organisations with open obligations and no recipients,
 * the alerts that reached no person since the last notice (each reported once), and deliveries that keep failing or are dead letters.
 * One a day at most (its key holds the date), and none on a day with nothing to report.
 */
@Component
public class UnroutedNotices {

    private final AlertRepository alerts;
    private final AlertOutbox outbox;
    private final CoverageReport coverage;

    public UnroutedNotices(AlertRepository alerts, AlertOutbox outbox, CoverageReport coverage) {
        this.alerts = alerts;
        this.outbox = outbox;
        this.coverage = coverage;
    }

    public static String key(LocalDate date) {
        return Alert.key(Alert.PLATFORM, null, null, "UNROUTED:" + date);
    }

    /** Call in the sweep's transaction. @return the notice when one was stored now */
    public Alert daily(LocalDate today) {
        String key = key(today);
        if (alerts.exists(key)) {
            return null;
        }
        List<Alert> unreported = alerts.claimUnreported(key);
        List<OrganisationCoverage> organisations = coverage.organisations(null);
        List<OrganisationCoverage> uncovered = organisations.stream().filter(o -> !o.recipients() && o.openObligations() > 0).toList();
        List<OrganisationCoverage> failing = organisations.stream().filter(o -> !o.failing().isEmpty()).toList();
        if (unreported.isEmpty() && uncovered.isEmpty() && failing.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder();
        if (!uncovered.isEmpty()) {
            text.append("Organisations with open obligations and no recipients (their alerts reach no person):\n");
            uncovered.forEach(o -> text.append("  - ").append(o.organisation()).append(": ").append(o.openObligations())
                    .append(" open obligations of ").append(o.systems()).append(" systems\n"));
        }
        if (!unreported.isEmpty()) {
            Map<String, List<Alert>> byOrganisation = new LinkedHashMap<>();
            unreported.forEach(a -> byOrganisation.computeIfAbsent(a.organisation(), k -> new java.util.ArrayList<>()).add(a));
            text.append("Alerts that reached no person since the last notice: ").append(unreported.size()).append('\n');
            byOrganisation.forEach((organisation, own) -> text.append("  - ").append(organisation).append(": ").append(own.size())
                    .append(own.size() == 1 ? " alert" : " alerts").append(", e.g. ").append(own.get(0).summary()).append('\n'));
        }
        if (!failing.isEmpty()) {
            text.append("Deliveries failing (being retried, or dead letters an operator must retry):\n");
            failing.forEach(o -> o.failing().forEach((channel, health) -> text.append("  - ").append(o.organisation()).append(", ")
                    .append(channel).append(": ").append(health.retrying()).append(" retrying, ").append(health.dead()).append(" dead")
                    .append(health.lastError() == null ? "" : " (last error: " + health.lastError() + ")").append('\n')));
        }
        text.append("The coverage view: GET /api/coverage.");
        String summary = "Coverage " + today + ": " + uncovered.size() + (uncovered.size() == 1 ? " organisation" : " organisations")
                + " without recipients, " + unreported.size() + (unreported.size() == 1 ? " alert" : " alerts") + " reached no person, "
                + failing.size() + (failing.size() == 1 ? " organisation" : " organisations") + " with failing deliveries";
        Alert notice = new Alert(key, AlertKind.UNROUTED, Severity.WARNING, Audience.PLATFORM, Alert.PLATFORM, null, null, null,
                "Alerts that reach no person", null, null, null, null, null, text.toString(), summary, null, List.of(), today, null);
        return outbox.record(notice);
    }
}
