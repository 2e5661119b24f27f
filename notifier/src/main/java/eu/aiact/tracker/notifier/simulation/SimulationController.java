package eu.aiact.tracker.notifier.simulation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.notifier.channel.WebhookTargets;
import eu.aiact.tracker.notifier.rest.InvalidFieldException;
import eu.aiact.tracker.notifier.rest.Requester;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Simulations (administrators): {@code POST} one for a date (optionally one organisation, optionally delivered to a sandbox recipient),
 * list them, read one with its alerts, discard one. Nothing here is read by a real sweep or sent to a real recipient.
 */
@RestController
@RequestMapping("/api/admin/simulations")
public class SimulationController {

    private final Simulations simulations;
    private final WebhookTargets targets;

    public SimulationController(Simulations simulations, WebhookTargets targets) {
        this.simulations = simulations;
        this.targets = targets;
    }

    /** The body of {@code POST /api/admin/simulations}. */
    public record SimulationRequest(@NotNull LocalDate date, @Size(max = 200) String organisation, @Valid Sandbox sandbox) {
    }

    @PostMapping
    public ResponseEntity<Map<String, Object>> simulate(@Valid @RequestBody SimulationRequest request,
            @RequestParam(defaultValue = "1000") @Min(0) @Max(100000) int limit) {
        Sandbox sandbox = request.sandbox();
        if (sandbox != null && blank(sandbox.email()) && blank(sandbox.webhookUrl())) {
            sandbox = null;
        }
        if (sandbox != null && !blank(sandbox.webhookUrl())) {
            if (sandbox.webhookSecret() == null) {
                throw new InvalidFieldException("sandbox.webhookSecret", "a sandbox webhookUrl needs a webhookSecret of at least 16 characters");
            }
            targets.refusalOnSave(sandbox.webhookUrl()).ifPresent(reason -> {
                throw new InvalidFieldException("sandbox.webhookUrl", reason);
            });
        }
        Set<String> organisations = request.organisation() == null || request.organisation().isBlank() ? null
                : Set.of(request.organisation());
        Simulations.Result result = simulations.simulate(request.date(), organisations == null ? null : request.organisation(),
                organisations, sandbox, Requester.current(), false, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("simulation", result.simulation());
        body.put("createdCount", result.createdCount());
        body.put("alreadyStoredCount", result.alreadyStored());
        body.put("created", result.created());
        body.put("truncated", result.createdCount() > result.created().size());
        body.put("sandbox", result.sandbox());
        return ResponseEntity.status(HttpStatus.CREATED).header("Location", "/api/admin/simulations/" + result.simulation().id()).body(body);
    }

    @GetMapping
    public List<Simulation> list(@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return simulations.list(limit, offset);
    }

    @GetMapping("/{id}")
    public Map<String, Object> get(@PathVariable long id, @RequestParam(defaultValue = "1000") @Min(1) @Max(100000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        Simulation simulation = simulations.find(id).orElseThrow(() -> notFound(id));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("simulation", simulation);
        body.put("alerts", simulations.alerts(id, limit, offset));
        return body;
    }

    @DeleteMapping("/{id}")
    public ResponseEntity<Void> discard(@PathVariable long id) {
        if (!simulations.discard(id)) {
            throw notFound(id);
        }
        return ResponseEntity.noContent().build();
    }

    private static ResponseStatusException notFound(long id) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No simulation " + id);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
