package eu.aiact.tracker.query.rest;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.query.projection.AiSystemProjection;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.query.projection.AiSystemView;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

@RestController
@RequestMapping("/api")
public class SystemQueryController {

    private final AiSystemRepository systems;
    private final AiSystemProjection projection;

    public SystemQueryController(AiSystemRepository systems, AiSystemProjection projection) {
        this.systems = systems;
        this.projection = projection;
    }

    @GetMapping("/systems/{id}")
    public AiSystemView system(@PathVariable @Size(max = 100) String id) {
        return systems.find(id).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No AI system with id " + id));
    }

    @GetMapping("/systems")
    public List<AiSystemView> systems(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        return systems.list(organisation, limit, offset);
    }

    /** Empties the AI system projection and rebuilds it from the events topic. */
    @PostMapping("/admin/projections/systems/rebuild")
    public ResponseEntity<Void> rebuild() {
        projection.rebuild();
        return ResponseEntity.accepted().build();
    }
}
