package eu.aiact.tracker.notifier.rest;

import java.time.Clock;
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
import eu.aiact.tracker.notifier.simulation.Simulations;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Operator actions: run a sweep or a dispatch now, list and retry dead letters. */
@RestController
@RequestMapping("/api/admin")
public class AdminController {

    private final AlertSweeper sweeper;
    private final Simulations simulations;
    private final Dispatcher dispatcher;
    private final DeliveryRepository deliveries;
    private final NotifierClock notifierClock;
    private final Clock clock;

    public AdminController(AlertSweeper sweeper, Simulations simulations, Dispatcher dispatcher, DeliveryRepository deliveries,
            NotifierClock notifierClock, Clock clock) {
        this.sweeper = sweeper;
        this.simulations = simulations;
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.notifierClock = notifierClock;
        this.clock = clock;
    }

    /**
     * Sweeps now; answers how many alerts this sweep created (none that were stored before) and the first {@code limit} of them
     * ({@code truncated} when there were more). On today's date the sweep is real; while the settable clock is set to a date, it is a
     * simulation of that date ({@code simulated: true}, the simulation's id): its alerts are kept apart, sent nowhere, and suppress no
     * real alert.
     */
    @PostMapping("/sweeps")
    public Map<String, Object> sweep(@RequestParam(defaultValue = "10000") @Min(0) @Max(100000) int limit) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (notifierClock.isSet()) {
            Simulations.Result result = simulations.simulate(notifierClock.today(), null, null, null, Requester.current(), true, limit);
            body.put("date", result.simulation().date());
            body.put("simulated", true);
            body.put("simulation", result.simulation().id());
            body.put("createdCount", result.createdCount());
            body.put("created", result.created());
            body.put("truncated", result.createdCount() > result.created().size());
            body.put("alreadyStoredCount", result.alreadyStored());
            body.put("note", "A simulation: nothing was stored as a real alert and nothing was sent. GET /api/admin/simulations/"
                    + result.simulation().id() + " lists it; DELETE discards it.");
            return body;
        }
        AlertSweeper.Result result = sweeper.sweep(limit);
        body.put("date", result.date());
        body.put("simulated", false);
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
