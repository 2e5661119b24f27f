package eu.aiact.tracker.notifier.alert;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import eu.aiact.tracker.api.classification.RiskClass;
import eu.aiact.tracker.api.obligation.ObligationStatus;
import eu.aiact.tracker.api.system.Phase;
import eu.aiact.tracker.notifier.tracking.TrackedObligation;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;

/**
 * Decides, without side effects, which alerts apply to a system on a date. The same input always gives the same alerts with the same
 * keys; the sweep stores each key once, so calling this every minute or after a restart never repeats an alert.
 *
 * <p>A paused system keeps its duties and due dates, so its deadline alerts come as for a running one, marked paused; but it is not in
 * use while paused: no violation day for a paused prohibited practice, and nothing critical for lacking what use needs. Which
 * obligations are critical when overdue on a high-risk system in use is the rule's property in the rulebook file.
 */
public class AlertDecider {

    private final TreeSet<Integer> horizons;
    private final int reminderDays;
    private final int experimentMaxMonths;
    private final String dashboardUrl;

    public AlertDecider(List<Integer> horizonsDays, int overdueReminderDays, int experimentMaxMonths, String dashboardUrl) {
        if (overdueReminderDays < 1 || experimentMaxMonths < 1) {
            throw new IllegalArgumentException("overdue-reminder-days and experiment-max-months must be at least 1");
        }
        this.horizons = new TreeSet<>();
        for (Integer days : horizonsDays) {
            if (days == null || days < 1) {
                throw new IllegalArgumentException("Every horizon must be at least 1 day, got " + days);
            }
            horizons.add(days);
        }
        this.reminderDays = overdueReminderDays;
        this.experimentMaxMonths = experimentMaxMonths;
        this.dashboardUrl = dashboardUrl;
    }

    public List<Alert> decide(TrackedSystem system, LocalDate today) {
        List<Alert> alerts = new ArrayList<>();
        for (TrackedObligation obligation : system.obligations()) {
            decide(system, obligation, today, alerts);
        }
        if (system.phase() == Phase.EXPERIMENT && system.experimentStartedOn() != null
                && !today.isBefore(system.experimentStartedOn().plusMonths(experimentMaxMonths))) {
            long months = ChronoUnit.MONTHS.between(system.experimentStartedOn(), today);
            alerts.add(alert(system, null, today, AlertKind.EXPERIMENT_TOO_LONG, Severity.CRITICAL, "EXPERIMENT-TOO-LONG", null,
                    "Experiment running " + months + " months (since " + system.experimentStartedOn() + "), longer than the maximum of "
                            + experimentMaxMonths + ": " + system.systemName(),
                    "The system has been in the experiment phase since " + system.experimentStartedOn() + ", more than "
                            + experimentMaxMonths + " months. Put it into service under the full obligations, or end it."));
        }
        return alerts;
    }

    private void decide(TrackedSystem system, TrackedObligation obligation, LocalDate today, List<Alert> alerts) {
        ObligationStatus status = obligation.status();
        if (status == ObligationStatus.FULFILLED || status == ObligationStatus.NOT_APPLICABLE) {
            return;
        }
        boolean ended = system.phase() == Phase.ENDED;
        if (status == ObligationStatus.VIOLATION) {
            if (system.paused() && !ended) {
                // not in use while paused: no violation day (it must not resume)
                return;
            }
            if (ended) {
                // The violation is over; the notice that it happened (while in use until the end) is given once.
                alerts.add(alert(system, obligation, today, AlertKind.VIOLATION, Severity.CRITICAL, "VIOLATION:ENDED", null,
                        "Prohibited practice was in use after its ban date until " + system.endedOn() + ": " + system.systemName(),
                        obligation.reason()));
            } else {
                alerts.add(alert(system, obligation, today, AlertKind.VIOLATION, Severity.CRITICAL, "VIOLATION:" + today, null,
                        "Prohibited practice in use after its ban date: " + obligation.code() + ", " + system.systemName(),
                        obligation.reason()));
            }
            return;
        }
        if (ended || obligation.dueDate() == null) {
            return;
        }
        long daysLeft = ChronoUnit.DAYS.between(today, obligation.dueDate());
        if (daysLeft > 0) {
            Integer horizon = horizons.ceiling((int) Math.min(daysLeft, Integer.MAX_VALUE));
            if (horizon != null) {
                Severity severity = horizon > 30 ? Severity.INFO : horizon > 7 ? Severity.WARNING : Severity.HIGH;
                alerts.add(alert(system, obligation, today, AlertKind.HORIZON, severity, "H" + horizon, horizon,
                        obligation.code() + " due in " + daysLeft + (daysLeft == 1 ? " day: " : " days: ") + system.systemName(),
                        obligation.reason()));
            }
        } else if (daysLeft == 0) {
            alerts.add(alert(system, obligation, today, AlertKind.DUE, Severity.HIGH, "DUE", 0,
                    obligation.code() + " due today: " + system.systemName(), obligation.reason()));
        } else {
            long overdueDays = -daysLeft;
            long reminder = (overdueDays - 1) / reminderDays;
            String overdue = obligation.code() + " overdue by " + overdueDays + (overdueDays == 1 ? " day: " : " days: ")
                    + system.systemName();
            if (reminder == 0) {
                alerts.add(alert(system, obligation, today, AlertKind.OVERDUE, Severity.HIGH, "OVERDUE", null, overdue,
                        obligation.reason()));
            } else {
                alerts.add(alert(system, obligation, today, AlertKind.OVERDUE_REMINDER, Severity.HIGH, "OVERDUE-REMINDER-" + reminder, null,
                        overdue + " (reminder " + reminder + ")", obligation.reason()));
            }
            if (system.riskClass() == RiskClass.HIGH && system.phase() == Phase.IN_USE && !system.paused()
                    && obligation.criticalWhenOverdue()) {
                alerts.add(alert(system, obligation, today, AlertKind.CRITICAL_OVERDUE, Severity.CRITICAL, "CRITICAL-OVERDUE", null,
                        "High-risk system in use without " + obligation.code() + " (due " + obligation.dueDate() + "): "
                                + system.systemName(),
                        obligation.reason()));
            }
        }
    }

    private Alert alert(TrackedSystem system, TrackedObligation obligation, LocalDate today, AlertKind kind, Severity severity,
            String keyDetail, Integer horizon, String summary, String reason) {
        String code = obligation == null ? null : obligation.code();
        java.time.LocalDate due = obligation == null ? null : obligation.dueDate();
        Integer daysLeft = due == null ? null : (int) ChronoUnit.DAYS.between(today, due);
        boolean paused = system.paused() && system.phase() != Phase.ENDED;
        return new Alert(Alert.key(system.organisation(), system.systemId(), code, keyDetail), kind, severity, Audience.CIO_OFFICE,
                system.organisation(), system.systemId(), system.systemName(), code, obligation == null ? null : obligation.title(),
                obligation == null ? null : obligation.article(), obligation == null ? null : obligation.source(), due, daysLeft, horizon,
                paused ? (reason == null ? "" : reason + " ") + "The system is paused: its duties and due dates remain." : reason,
                paused ? summary + " (paused)" : summary, dashboardLink(system.systemId()), List.of(), today, null, paused, null);
    }

    /**
     * Whether the alert is about its obligation's due date (a horizon, the due day, overdue, a reminder, critical when overdue): such
     * an alert counts as sent only for the due date it was stored with.
     */
    public static boolean aboutDueDate(Alert alert) {
        return alert.dueDate() != null && alert.systemId() != null && switch (alert.kind()) {
            case HORIZON, DUE, OVERDUE, OVERDUE_REMINDER, CRITICAL_OVERDUE -> true;
            default -> false;
        };
    }

    /**
     * The decided alerts keyed for the due dates stored before: a deadline alert counts as sent only for the same due date. When its
     * key ({@code ...|H30}) is stored with the same due date (or not at all), the key stays as it is (alerts stored before keep
     * counting as sent); when it is stored with another due date (a review date or a rulebook version moved it), the alert is that of
     * a new cycle and its key names its due date ({@code ...|H30@2028-10-06}), stored once like any other key.
     *
     * @param storedDueDates for each stored key among the decided alerts' keys, the due date stored with it (null values allowed); keys
     *                       not stored are absent
     */
    public static List<Alert> forStoredDueDates(List<Alert> decided, Map<String, LocalDate> storedDueDates) {
        if (storedDueDates.isEmpty()) {
            return decided;
        }
        List<Alert> keyed = new ArrayList<>(decided.size());
        for (Alert alert : decided) {
            boolean moved = aboutDueDate(alert) && storedDueDates.containsKey(alert.key())
                    && !alert.dueDate().equals(storedDueDates.get(alert.key()));
            keyed.add(moved ? alert.withKey(alert.key() + "@" + alert.dueDate()) : alert);
        }
        return keyed;
    }

    public String dashboardLink(String systemId) {
        return systemId == null ? null : dashboardUrl.replace("{id}", systemId);
    }
}
