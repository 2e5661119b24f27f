package eu.aiact.tracker.query.export;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The calendar feed links ({@code calendar_feed}): a secret per link, of which only the SHA-256 is stored, the user who made it, the
 * organisation whose deadlines it serves, and whether it was revoked.
 */
@Repository
public class CalendarFeeds {

    /** One link, without its secret. */
    public record Feed(String id, String owner, String organisation, Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    }

    /** A link just made: the only time its secret is told. */
    public record Created(Feed feed, String secret) {
    }

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CalendarFeeds(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Created create(String owner, String organisation) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String id = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jdbc.update("INSERT INTO calendar_feed (id, secret_sha256, owner, organisation, created_at) VALUES (?, ?, ?, ?, ?)", id,
                sha256(secret), owner, organisation, Timestamp.from(now));
        return new Created(new Feed(id, owner, organisation, now, null, null), secret);
    }

    public List<Feed> ofOwner(String owner) {
        return jdbc.query("SELECT id, owner, organisation, created_at, last_used_at, revoked_at FROM calendar_feed WHERE owner = ? "
                + "ORDER BY created_at DESC", (rs, n) -> new Feed(rs.getString(1), rs.getString(2), rs.getString(3),
                rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), instant(rs.getTimestamp(6))), owner);
    }

    /** Revokes the owner's link; false when the owner has no such link (or it was revoked before). */
    public boolean revoke(String owner, String id) {
        return jdbc.update("UPDATE calendar_feed SET revoked_at = ? WHERE id = ? AND owner = ? AND revoked_at IS NULL",
                Timestamp.from(clock.instant()), id, owner) == 1;
    }

    /** The link with this secret, unless it was revoked; notes that it was used. */
    public Optional<Feed> use(String secret) {
        if (secret == null || secret.length() > 100) {
            return Optional.empty();
        }
        List<Feed> found = jdbc.query("UPDATE calendar_feed SET last_used_at = ? WHERE secret_sha256 = ? AND revoked_at IS NULL "
                + "RETURNING id, owner, organisation, created_at, last_used_at, revoked_at", (rs, n) -> new Feed(rs.getString(1),
                rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant(), instant(rs.getTimestamp(5)), null),
                Timestamp.from(clock.instant()), sha256(secret));
        return found.stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    static String sha256(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
