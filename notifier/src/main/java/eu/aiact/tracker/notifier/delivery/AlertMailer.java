package eu.aiact.tracker.notifier.delivery;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.NotifierProperties;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.alert.MovedDeadline;
import eu.aiact.tracker.notifier.recipients.Recipients;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/** Plain-text alert mails (one per alert, or a daily digest), each with a Message-ID derived from the alert or digest key. */
@Component
public class AlertMailer {

    private final ObjectProvider<JavaMailSender> sender;
    private final NotifierProperties properties;

    public AlertMailer(ObjectProvider<JavaMailSender> sender, NotifierProperties properties) {
        this.sender = sender;
        this.properties = properties;
    }

    public void send(Alert alert, Recipients to) throws MessagingException {
        List<String> addresses = addresses(to, alert.audience());
        send(alert.key(), addresses, "[AI Act] " + alert.summary(), body(alert));
    }

    public void sendDigest(String digestKey, String organisation, String date, List<Alert> alerts, Recipients to) throws MessagingException {
        StringBuilder body = new StringBuilder();
        body.append("AI Act compliance alerts for ").append(organisation).append(", ").append(date).append(": ").append(alerts.size())
                .append(alerts.size() == 1 ? " alert" : " alerts").append(".\n\n");
        int n = 1;
        for (Alert alert : alerts) {
            body.append("=== ").append(n++).append(". ").append(alert.summary()).append(" ===\n").append(body(alert)).append('\n');
        }
        send(digestKey, addresses(to, Audience.CIO_OFFICE), "[AI Act] Daily digest " + date + ": " + alerts.size()
                + (alerts.size() == 1 ? " alert for " : " alerts for ") + organisation, body.toString());
    }

    static String body(Alert alert) {
        StringBuilder text = new StringBuilder();
        text.append(alert.summary()).append("\n\n");
        line(text, "Severity", alert.severity().name());
        line(text, "Organisation", alert.organisation());
        if (alert.systemId() != null) {
            line(text, "System", alert.systemName() + " (" + alert.systemId() + ")");
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

    private void send(String key, List<String> addresses, String subject, String body) throws MessagingException {
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new IllegalStateException("No mail server configured (spring.mail.host)");
        }
        if (addresses.isEmpty()) {
            throw new IllegalStateException("No mail recipient configured");
        }
        String messageId = CloudEvents.messageId(key);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(properties.mailFrom()));
        for (String address : addresses) {
            message.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(subject, "UTF-8");
        message.setText(body, "UTF-8");
        message.setHeader("X-Alert-Id", key.replaceAll("[\\r\\n]", " "));
        mail.send(message);
    }

    private static List<String> addresses(Recipients to, Audience audience) {
        if (to == null) {
            return List.of();
        }
        if (audience == Audience.REVIEWERS && to.reviewers() != null && !to.reviewers().isEmpty()) {
            return to.reviewers();
        }
        return to.cioOffice() == null || to.cioOffice().isBlank() ? List.of() : List.of(to.cioOffice());
    }

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(String.format("%-14s%s%n", label + ":", value));
        }
    }
}
