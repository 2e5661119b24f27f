package eu.aiact.tracker.api.envelope;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;

/**
 * What an envelope's signature covers: SHA-256 of {@value #FORMAT}, a newline, and every field but the signature, each length-prefixed
 * (a 4-byte big-endian length, -1 for null, then the UTF-8 bytes; numbers as 8 big-endian bytes): event id, aggregate id, sequence
 * number, global index, type, recorded time ({@link java.time.Instant#toString()}), the metadata (entry count, then key and value of each
 * entry in key order) and the payload as canonical JSON. Canonical JSON: object members sorted by name, no white space, strings with only
 * {@code "}, {@code \} and control characters escaped ({@code \}{@code u00XX}), integers in decimal, other numbers as their exact
 * decimal without trailing zeros. So the same envelope has the same digest however a JSON library spaced, ordered or parsed it.
 */
public final class EnvelopeDigest {

    public static final String FORMAT = "aiact-tracker envelope v1";

    private EnvelopeDigest() {
    }

    public static byte[] of(EventEnvelope envelope) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes((FORMAT + "\n").getBytes(StandardCharsets.US_ASCII));
        text(out, envelope.eventId());
        text(out, envelope.aggregateId());
        number(out, envelope.sequenceNumber());
        number(out, envelope.globalIndex());
        text(out, envelope.type());
        text(out, envelope.recordedAt() == null ? null : envelope.recordedAt().toString());
        Map<String, String> metadata = envelope.metadata();
        if (metadata == null) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
        } else {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(metadata.size()).array());
            new TreeMap<>(metadata).forEach((key, value) -> {
                text(out, key);
                text(out, value);
            });
        }
        text(out, envelope.payload() == null ? null : canonicalJson(envelope.payload()));
        try {
            return MessageDigest.getInstance("SHA-256").digest(out.toByteArray());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** The canonical JSON text of a tree (see the class comment). */
    public static String canonicalJson(JsonNode node) {
        StringBuilder out = new StringBuilder(256);
        write(node, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            out.append("null");
        } else if (node.isObject()) {
            out.append('{');
            TreeMap<String, JsonNode> members = new TreeMap<>();
            node.properties().forEach(member -> members.put(member.getKey(), member.getValue()));
            boolean first = true;
            for (Map.Entry<String, JsonNode> member : members.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(member.getKey(), out);
                out.append(':');
                write(member.getValue(), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            boolean first = true;
            for (JsonNode element : node.values()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(element, out);
            }
            out.append(']');
        } else if (node.isString()) {
            string(node.stringValue(), out);
        } else if (node.isBoolean()) {
            out.append(node.booleanValue());
        } else if (node.isIntegralNumber()) {
            out.append(node.bigIntegerValue());
        } else if (node.isNumber()) {
            out.append(node.decimalValue().stripTrailingZeros().toPlainString());
        } else {
            // binary or other non-JSON nodes: as the text Jackson would write
            string(node.asString(), out);
        }
    }

    private static void string(String value, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        out.append('"');
    }

    private static void text(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(-1).array());
            return;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
        out.writeBytes(bytes);
    }

    private static void number(ByteArrayOutputStream out, long value) {
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(value).array());
    }
}
