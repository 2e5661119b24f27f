package eu.aiact.tracker.notifier.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.notifier.alert.AlertSweeper;
import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.delivery.Delivery;
import eu.aiact.tracker.notifier.delivery.DeliveryRepository;
import eu.aiact.tracker.notifier.delivery.Dispatcher;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Operator actions: run a sweep or a dispatch now, list and retry dead letters. */
@RestController
@RequestMapping("/api/admin")
public class AdminController {

    private final AlertSweeper sweeper;
    private final Dispatcher dispatcher;
    private final DeliveryRepository deliveries;
    private final NotifierClock notifierClock;
    private final Clock clock;

    public AdminController(AlertSweeper sweeper, Dispatcher dispatcher, DeliveryRepository deliveries, NotifierClock notifierClock,
            Clock clock) {
        this.sweeper = sweeper;
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.notifierClock = notifierClock;
        this.clock = clock;
    }

    /**
     * Sweeps on the notifier's date now; answers how many alerts this sweep created (none that were stored before) and the first
     * {@code limit} of them ({@code truncated} when there were more).
     */
    @PostMapping("/sweeps")
    public Map<String, Object> sweep(@RequestParam(defaultValue = "10000") @Min(0) @Max(100000) int limit) {
        LocalDate date = notifierClock.today();
        AlertSweeper.Result result = sweeper.sweep(date, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", date);
        body.put("createdCount", result.created());
        body.put("created", result.first());
        body.put("truncated", result.created() > result.first().size());
        return body;
    }

    /** Sends every delivery that is due now (the scheduled dispatcher does the same). */
    @PostMapping("/dispatches")
    public Map<String, Object> dispatch() {
        return Map.of("sent", dispatcher.dispatchDue());
    }

    @GetMapping("/dead-letters")
    public List<Delivery> deadLetters(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit) {
        return deliveries.dead(limit);
    }

    @PostMapping("/dead-letters/{id}/retry")
    public Delivery retry(@PathVariable long id) {
        if (!deliveries.retry(id, clock.instant())) {
            throw new ResponseStatusException(deliveries.find(id).isPresent() ? HttpStatus.CONFLICT : HttpStatus.NOT_FOUND,
                    "Delivery " + id + " is not a dead letter");
        }
        return deliveries.find(id).orElseThrow();
    }
}
