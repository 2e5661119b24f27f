package eu.aiact.tracker.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: a real SMTP server (GreenMail) on loopback that accepts every alert the notifier sends, and writes each
 * distinct mail once to {@code logs/mail.log}, in the order received. A mail is one Message-ID: GreenMail keeps a copy per recipient, and
 * a mail the notifier sends again after a crash (the same Message-ID, which readers drop) is not a new one.
 */
final class LocalMailbox implements AutoCloseable {

    private final GreenMail mail;
    private final Path log;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-log");
        thread.setDaemon(true);
        return thread;
    });
    private final Set<String> seen = new HashSet<>();
    private final List<String> pending = new ArrayList<>();
    /** Every mail as it arrived for each recipient, a Message-ID per arrival: a mail sent twice arrives twice. */
    private final List<String[]> arrivals = new ArrayList<>();
    private int distinct;

    LocalMailbox(int port, Path log) {
        this.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.log = log;
    }

    LocalMailbox start() throws IOException {
        Files.createDirectories(log.getParent());
        mail.start();
        UserManager users = mail.getUserManager();
        MessageDeliveryHandler deliver = users.getMessageDeliveryHandler();
        // called once per recipient of each mail, as it arrives
        users.setMessageDeliveryHandler((message, address) -> {
            arrived(address.getEmail(), message.getMessage());
            received(message.getMessage());
            return deliver.handle(message, address);
        });
        writer.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** How many distinct mails (Message-IDs) arrived so far. */
    synchronized int distinctMails() {
        return distinct;
    }

    /** The bodies of the distinct mails (by Message-ID) received so far for the address, in the order received. */
    List<String> bodiesTo(String address) {
        List<String> bodies = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : received()) {
            try {
                if (List.of(addresses(message)).contains(address) && (message.getMessageID() == null || ids.add(message.getMessageID()))) {
                    bodies.add(GreenMailUtil.getBody(message));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException("An unreadable mail for " + address, e);
            }
        }
        return bodies;
    }

    /**
     * The Message-ID of every mail that arrived for the address so far, one per arrival, in the order received: unlike
     * {@link #bodiesTo}, a mail sent to the address twice (the same Message-ID) is here twice.
     */
    synchronized List<String> arrivalsTo(String address) {
        return arrivals.stream().filter(arrival -> arrival[0].equalsIgnoreCase(address)).map(arrival -> arrival[1]).toList();
    }

    private synchronized void arrived(String address, MimeMessage message) {
        String id;
        try {
            id = message.getMessageID();
        } catch (MessagingException e) {
            id = "unreadable: " + e.getMessage();
        }
        arrivals.add(new String[] {address, id});
    }

    /** Every copy received so far, one per recipient. */
    MimeMessage[] received() {
        return mail.getReceivedMessages();
    }

    private synchronized void received(MimeMessage message) {
        String text;
        try {
            String id = message.getMessageID();
            if (id != null && !seen.add(id)) {
                return;
            }
            distinct++;
            text = "=== " + Instant.now() + '\n'
                    + "To: " + String.join(", ", addresses(message)) + '\n'
                    + "Subject: " + message.getSubject() + '\n'
                    + "Message-ID: " + id + "\n\n"
                    + GreenMailUtil.getBody(message) + "\n\n";
        } catch (MessagingException | RuntimeException e) {
            text = "=== unreadable mail: " + e.getMessage() + "\n\n";
        }
        pending.add(text);
    }

    private void flush() {
        String text;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            text = String.join("", pending);
            pending.clear();
        }
        try {
            Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Could not write " + log + ": " + e.getMessage());
        }
    }

    private static String[] addresses(MimeMessage message) throws MessagingException {
        jakarta.mail.Address[] to = message.getRecipients(Message.RecipientType.TO);
        if (to == null) {
            return new String[0];
        }
        String[] addresses = new String[to.length];
        for (int i = 0; i < to.length; i++) {
            addresses[i] = to[i].toString();
        }
        return addresses;
    }

    @Override
    public void close() {
        writer.shutdownNow();
        flush();
        mail.stop();
    }
}
