package eu.aiact.tracker.notifier.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import eu.aiact.tracker.infra.FreePorts;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/** What receives a notifier's alerts in a test: an SMTP server (GreenMail) and a webhook receiver on loopback. */
public final class Receivers implements AutoCloseable {

    /** One webhook call. */
    public record Call(String path, String body, String signature, String ceId) {
    }

    /** One mail as a recipient got it. */
    public record Mail(String to, String messageId, String alertId, String subject, String body) {
    }

    private final GreenMail mail = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final HttpServer webhook;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    /** The status the webhook answers (200 unless a test makes it fail). */
    public final AtomicInteger status = new AtomicInteger(200);

    public Receivers() {
        mail.start();
        try {
            webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        webhook.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                calls.add(new Call(exchange.getRequestURI().getPath(), new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        exchange.getRequestHeaders().getFirst("X-Signature"), exchange.getRequestHeaders().getFirst("ce-id")));
            }
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        webhook.start();
    }

    public int smtpPort() {
        return mail.getSmtp().getPort();
    }

    public String webhookUrl(String path) {
        return "http://127.0.0.1:" + webhook.getAddress().getPort() + path;
    }

    public List<Call> calls(String path) {
        return calls.stream().filter(call -> call.path().equals(path)).toList();
    }

    /** Every mail received, one per recipient address. */
    public List<Mail> mails() {
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                String alertId = message.getHeader("X-Alert-Id", null);
                for (jakarta.mail.Address to : message.getRecipients(Message.RecipientType.TO)) {
                    mails.add(new Mail(to.toString(), message.getMessageID(), alertId, message.getSubject(), GreenMailUtil.getBody(message)));
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    public List<Mail> mailsTo(String address) {
        return mails().stream().filter(m -> m.to().equals(address)).toList();
    }

    @Override
    public void close() {
        mail.stop();
        webhook.stop(0);
    }
}
