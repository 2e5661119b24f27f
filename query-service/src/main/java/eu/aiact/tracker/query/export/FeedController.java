package eu.aiact.tracker.query.export;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;

/**
 * Revocable calendar feed links instead of a bearer token in the address. A user who may view an organisation's dashboards makes a link
 * for it ({@code POST /api/feeds}); the answer holds the link's secret, once. A calendar client fetches
 * {@code GET /feeds/{secret}/deadlines.ics} without any header. The user lists their links ({@code GET /api/feeds}, never the secrets)
 * and revokes one ({@code DELETE /api/feeds/{id}}); a revoked or unknown link answers 404.
 */
@RestController
public class FeedController {

    /** Body of {@code POST /api/feeds}. */
    public record FeedRequest(String organisation) {
    }

    private final CalendarFeeds feeds;
    private final ExportController exports;

    public FeedController(CalendarFeeds feeds, ExportController exports) {
        this.feeds = feeds;
        this.exports = exports;
    }

    @PostMapping("/api/feeds")
    public ResponseEntity<Map<String, Object>> create(@RequestBody FeedRequest request) {
        Caller caller = Caller.current();
        String organisation = request == null || request.organisation() == null ? "" : request.organisation().strip();
        if (organisation.isEmpty() || organisation.length() > 200) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "organisation: required, at most 200 characters");
        }
        caller.require(Capability.VIEW, organisation);
        String owner = caller.name().orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST,
                "a feed link belongs to a signed-in user"));
        CalendarFeeds.Created created = feeds.create(owner, organisation);
        Map<String, Object> body = view(created.feed());
        body.put("path", "/feeds/" + created.secret() + "/deadlines.ics");
        return ResponseEntity.created(URI.create("/api/feeds/" + created.feed().id())).body(body);
    }

    @GetMapping("/api/feeds")
    public List<Map<String, Object>> mine() {
        return Caller.current().name().map(feeds::ofOwner).orElse(List.of()).stream().map(FeedController::view).toList();
    }

    @DeleteMapping("/api/feeds/{id}")
    public ResponseEntity<Void> revoke(@PathVariable String id) {
        String owner = Caller.current().name().orElse("");
        if (!feeds.revoke(owner, id)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No calendar feed link of yours with id " + id);
        }
        return ResponseEntity.noContent().build();
    }

    /** The organisation's open deadlines for a calendar client: the link is the credential. */
    @GetMapping("/feeds/{secret}/deadlines.ics")
    public ResponseEntity<String> calendar(@PathVariable String secret) {
        CalendarFeeds.Feed feed = feeds.use(secret).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No calendar feed at this address (revoked, or never made)"));
        return exports.calendarOf(feed.organisation());
    }

    private static Map<String, Object> view(CalendarFeeds.Feed feed) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", feed.id());
        body.put("organisation", feed.organisation());
        body.put("createdAt", feed.createdAt());
        body.put("lastUsedAt", feed.lastUsedAt());
        body.put("revokedAt", feed.revokedAt());
        return body;
    }
}
