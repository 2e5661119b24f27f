package eu.aiact.tracker.command.rest;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.api.system.RegisterAiSystem;
import jakarta.validation.Valid;

/** Commands about AI systems. Reads are served by the query service. */
@RestController
@RequestMapping("/api/systems")
public class AiSystemController {

    private final CommandGateway commandGateway;

    public AiSystemController(CommandGateway commandGateway) {
        this.commandGateway = commandGateway;
    }

    @PostMapping
    public ResponseEntity<Map<String, String>> register(@Valid @RequestBody RegisterAiSystemRequest request) {
        String id = UUID.randomUUID().toString();
        commandGateway.sendAndWait(new RegisterAiSystem(id, request.organisation(), request.name(), request.description(),
                request.initialPhase()));
        return ResponseEntity.created(URI.create("/api/systems/" + id)).body(Map.of("id", id));
    }
}
