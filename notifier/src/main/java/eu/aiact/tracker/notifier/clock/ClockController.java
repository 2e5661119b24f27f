package eu.aiact.tracker.notifier.clock;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.notifier.rest.InvalidFieldException;
import eu.aiact.tracker.notifier.simulation.Simulations;

/**
 * Operators (and tests) move the notifier's simulated date: {@code PUT {"date":"2027-07-01"}}, {@code PUT {"reset":true}} or DELETE;
 * only where the clock is settable (development profile). A sweep asked for while a date is set is a simulation.
 */
@RestController
@RequestMapping("/api/admin/clock")
public class ClockController {

    private final NotifierClock clock;
    private final Simulations simulations;

    public ClockController(NotifierClock clock, Simulations simulations) {
        this.clock = clock;
        this.simulations = simulations;
    }

    public record ClockRequest(LocalDate date, Boolean reset) {
    }

    @GetMapping
    public Map<String, Object> get() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", clock.today());
        body.put("instant", clock.instant());
        body.put("set", clock.isSet());
        body.put("settable", clock.settable());
        body.put("realDate", clock.realToday());
        // while set, a sweep asked for is a simulation: it stores nothing a real sweep reads and sends to no real recipient
        body.put("simulating", clock.isSet());
        return body;
    }

    @PutMapping
    public Map<String, Object> put(@RequestBody ClockRequest request) {
        if (Boolean.TRUE.equals(request.reset())) {
            return delete();
        }
        if (request.date() == null) {
            throw new InvalidFieldException("date", "give a date (YYYY-MM-DD), or reset: true");
        }
        clock.set(request.date());
        simulations.closeClockSimulations();
        return get();
    }

    @DeleteMapping
    public Map<String, Object> delete() {
        clock.reset();
        simulations.closeClockSimulations();
        return get();
    }
}
