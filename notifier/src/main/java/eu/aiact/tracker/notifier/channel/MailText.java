package eu.aiact.tracker.notifier.channel;

import java.time.format.DateTimeFormatter;
import java.util.List;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertKind;
import eu.aiact.tracker.notifier.alert.MovedDeadline;
import eu.aiact.tracker.notifier.alert.Severity;

/** The subject and plain text of an alert mail: one alert, a system's alerts of one horizon, or a daily digest. */
final class MailText {

    private MailText() {
    }

    static String subject(Message message) {
        String prefix = message.simulation() == null ? "[AI Act] " : "[AI Act SIMULATION] ";
        List<Alert> alerts = message.alerts();
        return prefix + switch (message.kind()) {
            case ALERT -> message.first().summary();
            case GROUP -> alerts.size() + " obligations " + phrase(alerts) + ": " + message.first().systemName()
                    + (message.first().systemPaused() ? " (paused)" : "");
            case DIGEST -> "Daily digest " + message.date() + ": " + alerts.size() + (alerts.size() == 1 ? " alert for " : " alerts for ")
                    + message.organisation();
        };
    }

    static String body(Message message) {
        StringBuilder text = new StringBuilder();
        if (message.simulation() != null) {
            text.append("SIMULATION (").append(message.simulation()).append("): nothing here was decided for real, and this message went")
                    .append(" to the sandbox recipient only.\n\n");
        }
        List<Alert> alerts = message.alerts();
        switch (message.kind()) {
            case ALERT -> text.append(body(message.first()));
            case GROUP -> {
                Alert first = message.first();
                text.append(alerts.size()).append(" obligations of ").append(first.systemName()).append(" (").append(first.systemId())
                        .append("), ").append(first.organisation()).append(", ").append(phrase(alerts)).append(".\n\n");
                line(text, "Severity", alerts.stream().map(Alert::severity).max(Enum::compareTo).orElse(Severity.INFO).name());
                if (first.systemPaused()) {
                    line(text, "State", "paused (its duties and due dates remain)");
                }
                line(text, "Dashboard", first.dashboardUrl());
                line(text, "Decided on", String.valueOf(first.decidedOn()));
                text.append('\n');
                sections(text, alerts, false);
            }
            case DIGEST -> {
                text.append("AI Act compliance alerts for ").append(message.organisation()).append(", ").append(message.date()).append(": ")
                        .append(alerts.size()).append(alerts.size() == 1 ? " alert" : " alerts").append(".\n\n");
                sections(text, alerts, true);
            }
        }
        return text.toString();
    }

    private static void sections(StringBuilder text, List<Alert> alerts, boolean digest) {
        int n = 1;
        for (Alert alert : alerts) {
            text.append("=== ").append(n++).append(". ").append(alert.summary());
            if (digest && alert.critical()) {
                text.append(" (critical: also sent at once)");
            }
            text.append(" ===\n").append(body(alert)).append('\n');
        }
    }

    /** What the alerts of a group share, e.g. "due in 30 days", "overdue by 3 days", "due today". */
    static String phrase(List<Alert> alerts) {
        String shared = null;
        for (Alert alert : alerts) {
            String own = ownPhrase(alert);
            if (shared == null) {
                shared = own;
            } else if (!shared.equals(own)) {
                return kindPhrase(alerts.get(0));
            }
        }
        return shared == null ? "" : shared;
    }

    /** The summary without the obligation code before it and the system name after it. */
    private static String ownPhrase(Alert alert) {
        String summary = alert.summary();
        if (alert.code() != null && summary.startsWith(alert.code() + " ")) {
            summary = summary.substring(alert.code().length() + 1);
        }
        String tail = ": " + alert.systemName();
        int at = summary.lastIndexOf(tail);
        return at > 0 ? summary.substring(0, at) : kindPhrase(alert);
    }

    private static String kindPhrase(Alert alert) {
        AlertKind kind = alert.kind();
        return switch (kind) {
            case HORIZON -> "due within " + alert.horizonDays() + " days";
            case DUE -> "due today";
            case OVERDUE, OVERDUE_REMINDER -> "overdue";
            case CRITICAL_OVERDUE -> "overdue on a high-risk system in use (critical)";
            case VIOLATION -> "prohibited practices in use after their ban date";
            default -> kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    static String body(Alert alert) {
        StringBuilder text = new StringBuilder();
        text.append(alert.summary()).append("\n\n");
        line(text, "Severity", alert.severity().name());
        line(text, "Organisation", alert.organisation());
        if (alert.systemId() != null) {
            line(text, "System", alert.systemName() + " (" + alert.systemId() + ")");
        }
        if (alert.systemPaused()) {
            line(text, "State", "paused (its duties and due dates remain)");
        }
        if (alert.code() != null) {
            line(text, "Obligation", alert.code() + (alert.title() == null ? "" : ": " + alert.title()));
        } else if (alert.title() != null) {
            line(text, "Subject", alert.title());
        }
        line(text, "Article", alert.article());
        line(text, "Legal source", alert.source());
        if (alert.dueDate() != null) {
            line(text, "Due date", alert.dueDate().format(DateTimeFormatter.ISO_LOCAL_DATE));
        }
        if (alert.daysLeft() != null) {
            line(text, "Days left", alert.daysLeft() < 0 ? alert.daysLeft() + " (overdue by " + -alert.daysLeft() + " days)"
                    : String.valueOf(alert.daysLeft()));
        }
        line(text, "Why", alert.reason());
        if (alert.acknowledgement() != null) {
            line(text, "Acknowledged", alert.acknowledgement().describe().substring("Acknowledged ".length()));
        }
        if (alert.moves() != null && !alert.moves().isEmpty()) {
            text.append("\nDeadlines that moved:\n");
            for (MovedDeadline move : alert.moves()) {
                text.append("  - ").append(move.systemName()).append(" (").append(move.systemId()).append("), ").append(move.code())
                        .append(move.article() == null ? "" : " (" + move.article() + ")").append(": ")
                        .append(move.oldDueDate() == null ? "(new)" : move.oldDueDate()).append(" -> ")
                        .append(move.newDueDate() == null ? "(dropped)" : move.newDueDate()).append('\n');
            }
        }
        line(text, "Dashboard", alert.dashboardUrl());
        line(text, "Decided on", String.valueOf(alert.decidedOn()));
        line(text, "Alert id", alert.key());
        return text.toString();
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(String.format("%-14s%s%n", label + ":", value));
        }
    }
}
