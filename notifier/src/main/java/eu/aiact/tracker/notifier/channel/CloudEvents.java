package eu.aiact.tracker.notifier.channel;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.alert.Alert;
import tools.jackson.databind.json.JsonMapper;

/**
 * An alert as a CloudEvents 1.0 structured JSON event. Its {@code id} is the alert key, so a copy sent again after a crash between sending
 * and recording carries the same id: receivers drop a second event with an id they have seen.
 */
@Component
public class CloudEvents {

    public static final String SOURCE = "urn:aiact-tracker:notifier";
    public static final String CONTENT_TYPE = "application/cloudevents+json";

    private final JsonMapper json;

    public CloudEvents(JsonMapper json) {
        this.json = json;
    }

    public String toJson(Alert alert) {
        return toJson(alert, null);
    }

    /**
     * @param simulation for a simulation's sandbox delivery, its id: the event's id is then {@code simulation-<id>|<key>} (so that a
     *                   receiver that has seen it still takes the real alert later) and it carries the extension {@code simulation}
     */
    public String toJson(Alert alert, String simulation) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId(alert.key(), simulation));
        event.put("source", SOURCE);
        event.put("type", alert.kind().cloudEventType());
        event.put("time", alert.createdAt() == null ? null : alert.createdAt().toString());
        event.put("subject", alert.systemId() == null ? alert.organisation() : alert.systemId());
        event.put("datacontenttype", "application/json");
        if (simulation != null) {
            event.put("simulation", simulation);
        }
        event.put("data", alert);
        return json.writeValueAsString(event);
    }

    /** The CloudEvents id of an alert: its key; in a simulation's sandbox delivery, prefixed with the simulation. */
    public static String eventId(String key, String simulation) {
        return simulation == null ? key : "simulation-" + simulation + "|" + key;
    }

    /** {@code sha256=<hex HMAC-SHA256 of the body with the secret>}, as sent in the X-Signature header. */
    public static String signature(String body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }

    /** A mail Message-ID derived from a key: the same key always gives the same id. */
    public static String messageId(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash) + "@notifier.aiact-tracker>";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
