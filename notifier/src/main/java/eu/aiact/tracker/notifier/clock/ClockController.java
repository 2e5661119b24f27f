package eu.aiact.tracker.notifier.clock;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Operators (and tests) move the notifier's date: {@code PUT {"date":"2027-07-01"}}, {@code PUT {"reset":true}} or DELETE. */
@RestController
@RequestMapping("/api/admin/clock")
public class ClockController {

    private final NotifierClock clock;

    public ClockController(NotifierClock clock) {
        this.clock = clock;
    }

    public record ClockRequest(LocalDate date, Boolean reset) {
    }

    @GetMapping
    public Map<String, Object> get() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("date", clock.today());
        body.put("instant", clock.instant());
        body.put("set", clock.isSet());
        return body;
    }

    @PutMapping
    public Map<String, Object> put(@RequestBody ClockRequest request) {
        if (Boolean.TRUE.equals(request.reset())) {
            clock.reset();
        } else if (request.date() != null) {
            clock.set(request.date());
        } else {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Give a date (YYYY-MM-DD) or reset: true");
        }
        return get();
    }

    @DeleteMapping
    public Map<String, Object> delete() {
        clock.reset();
        return get();
    }
}
