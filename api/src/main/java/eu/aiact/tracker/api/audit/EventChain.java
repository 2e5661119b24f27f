package eu.aiact.tracker.api.audit;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The hash chain over the event store: {@code hash(n) = SHA-256(hash(n-1) || content(event n))}, starting from 32 zero bytes. The content
 * is each field of {@link ChainedEvent} in order, length-prefixed (a 4-byte big-endian length, -1 for null, then the UTF-8 or raw
 * bytes; the sequence number as 8 big-endian bytes), so that no two different events share an encoding. The command service's database
 * computes the same function in a trigger as each event is appended (migration V3); the verify endpoint and the offline audit tool
 * recompute it with this class.
 */
public final class EventChain {

    public static final int HASH_LENGTH = 32;
    private static final byte[] GENESIS = new byte[HASH_LENGTH];

    private EventChain() {
    }

    /** The hash before the first event. */
    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] hash(byte[] previous, ChainedEvent event) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(content(event));
        return sha256.digest();
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    public static byte[] unhex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    /** The encoding of an event that the chain and the Merkle tree (as the leaf's entry) hash. */
    public static byte[] content(ChainedEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 + length(event.payload()) + length(event.metadata()));
        text(out, event.eventIdentifier());
        text(out, event.aggregateIdentifier());
        out.writeBytes(ByteBuffer.allocate(Long.BYTES).putLong(event.sequenceNumber()).array());
        text(out, event.type());
        text(out, event.timestamp());
        text(out, event.payloadType());
        text(out, event.payloadRevision());
        bytes(out, event.payload());
        bytes(out, event.metadata());
        return out.toByteArray();
    }

    private static void text(ByteArrayOutputStream out, String value) {
        bytes(out, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static void bytes(ByteArrayOutputStream out, byte[] value) {
        out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? -1 : value.length).array());
        if (value != null) {
            out.writeBytes(value);
        }
    }

    private static int length(byte[] value) {
        return value == null ? 0 : value.length;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
