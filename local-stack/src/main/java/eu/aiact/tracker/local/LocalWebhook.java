package eu.aiact.tracker.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A webhook receiver for the demo organisations: checks each alert's HMAC signature ({@code X-Signature: sha256=<hex>}) with the shared
 * secret, answers 204 (401 for a bad signature), and appends what it received to {@code logs/webhook.log}.
 */
final class LocalWebhook implements AutoCloseable {

    static final String SECRET = "local-demo-webhook-secret-2026";

    private final HttpServer server;
    private final Path log;
    private final AtomicInteger verified = new AtomicInteger();
    private final List<String> verifiedIds = new ArrayList<>();

    LocalWebhook(int port, Path log) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        this.log = log;
        server.createContext("/webhook", this::receive);
    }

    LocalWebhook start() throws IOException {
        Files.createDirectories(log.getParent());
        server.start();
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhook";
    }

    /** How many alerts arrived with a valid signature. */
    int verified() {
        return verified.get();
    }

    /** The {@code ce-id} of every call with a valid signature so far, one per call, in the order received (a call repeated is twice). */
    synchronized List<String> verifiedIds() {
        return List.copyOf(verifiedIds);
    }

    private void receive(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String signature = exchange.getRequestHeaders().getFirst("X-Signature");
        boolean valid = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                expected(body).getBytes(StandardCharsets.UTF_8));
        if (valid) {
            synchronized (this) {
                verifiedIds.add(exchange.getRequestHeaders().getFirst("ce-id"));
            }
            verified.incrementAndGet();
        }
        String line = Instant.now() + " " + (valid ? "signature ok" : "BAD SIGNATURE") + " ce-id=" + exchange.getRequestHeaders()
                .getFirst("ce-id") + " " + new String(body, StandardCharsets.UTF_8).replace('\n', ' ') + "\n";
        synchronized (this) {
            Files.writeString(log, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        exchange.sendResponseHeaders(valid ? 204 : 401, -1);
        exchange.close();
    }

    private static String expected(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
