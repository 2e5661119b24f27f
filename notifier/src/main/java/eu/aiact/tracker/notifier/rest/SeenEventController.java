package eu.aiact.tracker.notifier.rest;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.notifier.seen.SeenEvent;
import eu.aiact.tracker.notifier.seen.SeenEventRepository;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/** What the notifier has taken in: one system's events in order, or the latest of all. */
@RestController
@RequestMapping("/api/seen-events")
public class SeenEventController {

    private final SeenEventRepository seen;

    public SeenEventController(SeenEventRepository seen) {
        this.seen = seen;
    }

    @GetMapping
    public List<SeenEvent> list(@RequestParam(required = false) @Size(max = 100) String systemId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return seen.list(systemId, limit);
    }
}
