package eu.aiact.tracker.command.rest;

import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.api.system.EndSystem;
import eu.aiact.tracker.api.system.PauseSystem;
import eu.aiact.tracker.api.system.PutIntoService;
import eu.aiact.tracker.api.system.RegisterAiSystem;
import eu.aiact.tracker.api.system.ResumeSystem;
import eu.aiact.tracker.api.system.StartExperiment;
import eu.aiact.tracker.domain.system.AiSystemRules;
import eu.aiact.tracker.domain.system.Text;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.Valid;

/** Registration and lifecycle commands about AI systems. Reads are served by the query service. */
@RestController
@RequestMapping("/api/systems")
public class AiSystemController {

    private final CommandSender sender;

    public AiSystemController(CommandSender sender) {
        this.sender = sender;
    }

    @PostMapping
    public ResponseEntity<CommandOutcome> register(@Valid @RequestBody RegisterAiSystemRequest request,
            RequestOrigin origin) {
        // the organisation is text like any other: one that cannot be stored is a 400 naming it, before who may write for it is asked
        Text.check("organisation", request.organisation(), AiSystemRules.MAX_SHORT_TEXT);
        Caller.current().require(Capability.WRITE, request.organisation().strip());
        return sender.create(new RegisterAiSystem(UUID.randomUUID().toString(), request.organisation(), request.name(),
                request.description(), request.purpose(), request.developedBy(), request.supplier(), request.model(),
                request.generativeAi(), request.role(), request.publicAuthority(), request.initialPhase(), request.effectiveDate()),
                origin, request.reason(), "/api/systems/");
    }

    @PostMapping("/{id}/experiment")
    public ResponseEntity<CommandOutcome> startExperiment(@PathVariable String id,
            @Valid @RequestBody(required = false) LifecycleRequest body, RequestOrigin origin) {
        LifecycleRequest request = body == null ? LifecycleRequest.empty() : body;
        return sender.update(id, new StartExperiment(id, request.effectiveDate(), request.expectedVersion()),
                CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/{id}/service")
    public ResponseEntity<CommandOutcome> putIntoService(@PathVariable String id,
            @Valid @RequestBody(required = false) LifecycleRequest body, RequestOrigin origin) {
        LifecycleRequest request = body == null ? LifecycleRequest.empty() : body;
        return sender.update(id, new PutIntoService(id, request.effectiveDate(), request.expectedVersion()),
                CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/{id}/pause")
    public ResponseEntity<CommandOutcome> pause(@PathVariable String id,
            @Valid @RequestBody(required = false) LifecycleRequest body, RequestOrigin origin) {
        LifecycleRequest request = body == null ? LifecycleRequest.empty() : body;
        return sender.update(id, new PauseSystem(id, request.effectiveDate(), request.reason(), request.expectedVersion()),
                CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/{id}/resume")
    public ResponseEntity<CommandOutcome> resume(@PathVariable String id,
            @Valid @RequestBody(required = false) LifecycleRequest body, RequestOrigin origin) {
        LifecycleRequest request = body == null ? LifecycleRequest.empty() : body;
        return sender.update(id, new ResumeSystem(id, request.effectiveDate(), request.expectedVersion()),
                CommandMetadata.of(origin, request.reason()));
    }

    @PostMapping("/{id}/end")
    public ResponseEntity<CommandOutcome> end(@PathVariable String id, @Valid @RequestBody EndRequest request,
            RequestOrigin origin) {
        return sender.update(id, new EndSystem(id, request.effectiveDate(), request.endReason(), request.explanation(),
                request.expectedVersion()), CommandMetadata.of(origin, request.reason()));
    }
}
