package eu.aiact.tracker.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: a real SMTP server (GreenMail) on loopback that accepts every alert the notifier sends, and writes each
 * mail to {@code logs/mail.log} so that a user can read them.
 */
final class LocalMailbox implements AutoCloseable {

    private final GreenMail mail;
    private final Path log;
    private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "mail-log");
        thread.setDaemon(true);
        return thread;
    });
    private int written;

    LocalMailbox(int port, Path log) {
        this.mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.log = log;
    }

    LocalMailbox start() throws IOException {
        Files.createDirectories(log.getParent());
        mail.start();
        writer.scheduleWithFixedDelay(this::writeNew, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Every mail received so far. */
    MimeMessage[] received() {
        return mail.getReceivedMessages();
    }

    private synchronized void writeNew() {
        MimeMessage[] messages = mail.getReceivedMessages();
        StringBuilder text = new StringBuilder();
        for (; written < messages.length; written++) {
            try {
                MimeMessage message = messages[written];
                text.append("=== ").append(Instant.now()).append('\n')
                        .append("To: ").append(String.join(", ", addresses(message))).append('\n')
                        .append("Subject: ").append(message.getSubject()).append('\n')
                        .append("Message-ID: ").append(message.getMessageID()).append("\n\n")
                        .append(GreenMailUtil.getBody(message)).append("\n\n");
            } catch (MessagingException e) {
                text.append("=== unreadable mail: ").append(e.getMessage()).append("\n\n");
            }
        }
        if (!text.isEmpty()) {
            try {
                Files.writeString(log, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("Could not write " + log + ": " + e.getMessage());
            }
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
        writeNew();
        mail.stop();
    }
}
