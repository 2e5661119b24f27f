package eu.aiact.tracker.notifier.channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.NotifierProperties;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.recipients.Recipients;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Plain-text mails, each with a Message-ID derived from its message key. A system's alerts decided together for one horizon (or
 * reminder, or critical kind) are one mail listing its obligations. A CIO office in digest mode gets, the day after, one digest holding
 * every alert of the organisation of that day; what is critical it also gets at once. Reviewers get their notices at once.
 */
@Component
public class MailChannel implements Channel {

    public static final String ID = "EMAIL";
    public static final String DIGEST_PREFIX = "digest|";

    private final ObjectProvider<JavaMailSender> sender;
    private final MailSettings settings;
    private final NotifierProperties properties;

    public MailChannel(ObjectProvider<JavaMailSender> sender, MailSettings settings, NotifierProperties properties) {
        this.sender = sender;
        this.settings = settings;
        this.properties = properties;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RetryPolicy retry() {
        return settings;
    }

    @Override
    public boolean reachesPerson() {
        return true;
    }

    /** The key of an organisation's digest of a date. */
    public static String digestKey(String organisation, LocalDate date) {
        return DIGEST_PREFIX + organisation + "|" + date;
    }

    /** Whether the alert's mail goes in the organisation's digest rather than a mail at once. */
    public static boolean inDigestOnly(Recipients to, Alert alert) {
        return digestMode(to) && alert.audience() == Audience.CIO_OFFICE && !alert.critical();
    }

    private static boolean digestMode(Recipients to) {
        return to != null && to.digest() && to.cioOffice() != null && !to.cioOffice().isBlank();
    }

    @Override
    public List<Outgoing> plan(List<Alert> alerts, Recipients to, Instant now) {
        List<Outgoing> outgoing = new ArrayList<>();
        if (to == null) {
            return outgoing;
        }
        Map<List<Object>, List<Alert>> groups = new LinkedHashMap<>();
        Map<String, List<String>> digests = new LinkedHashMap<>();
        Map<String, LocalDate> digestDates = new LinkedHashMap<>();
        for (Alert alert : alerts) {
            if (addresses(to, alert.audience()).isEmpty()) {
                continue;
            }
            if (digestMode(to) && alert.audience() != Audience.PLATFORM) {
                String digest = digestKey(alert.organisation(), alert.decidedOn());
                digests.computeIfAbsent(digest, k -> new ArrayList<>()).add(alert.key());
                digestDates.put(digest, alert.decidedOn());
            }
            if (inDigestOnly(to, alert)) {
                continue;
            }
            List<Object> group = alert.systemId() == null ? List.of(alert.key())
                    : List.of(alert.systemId(), alert.horizonDetail(), alert.audience(), alert.decidedOn());
            groups.computeIfAbsent(group, k -> new ArrayList<>()).add(alert);
        }
        for (List<Alert> group : groups.values()) {
            if (group.size() == 1) {
                outgoing.add(Outgoing.single(group.get(0).key(), now));
            } else {
                Alert first = group.get(0);
                String key = Alert.key(first.organisation(), first.systemId(), null,
                        first.detail() + "@" + first.decidedOn() + "/" + first.code());
                outgoing.add(new Outgoing(key, now, group.stream().map(Alert::key).toList()));
            }
        }
        digests.forEach((key, keys) -> {
            Instant due = digestDates.get(key).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.digestDelay());
            outgoing.add(new Outgoing(key, due.isBefore(now) ? now : due, keys));
        });
        return outgoing;
    }

    @Override
    public void send(Message message, Recipients to) throws MessagingException {
        Audience audience = message.kind() == Message.Kind.DIGEST ? Audience.CIO_OFFICE : message.first().audience();
        List<String> addresses = addresses(to, audience);
        JavaMailSender mail = sender.getIfAvailable();
        if (mail == null) {
            throw new IllegalStateException("No mail server configured (spring.mail.host)");
        }
        if (addresses.isEmpty()) {
            throw new IllegalStateException("No mail recipient configured");
        }
        String key = message.simulation() == null ? message.key() : "simulation-" + message.simulation() + "|" + message.key();
        String messageId = CloudEvents.messageId(key);
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(properties.mailFrom()));
        for (String address : addresses) {
            mime.addRecipient(jakarta.mail.Message.RecipientType.TO, new InternetAddress(address));
        }
        mime.setSubject(MailText.subject(message), "UTF-8");
        mime.setText(MailText.body(message), "UTF-8");
        mime.setHeader("X-Alert-Id", key.replaceAll("[\\r\\n]", " "));
        mail.send(mime);
    }

    static List<String> addresses(Recipients to, Audience audience) {
        if (to == null) {
            return List.of();
        }
        if (audience == Audience.REVIEWERS && to.reviewers() != null && !to.reviewers().isEmpty()) {
            return to.reviewers();
        }
        return to.cioOffice() == null || to.cioOffice().isBlank() ? List.of() : List.of(to.cioOffice());
    }
}
