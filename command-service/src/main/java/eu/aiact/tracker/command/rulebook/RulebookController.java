package eu.aiact.tracker.command.rulebook;

import java.time.LocalDate;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.api.rulebook.ApplyRulebookVersion;
import eu.aiact.tracker.command.rest.CommandSender;
import eu.aiact.tracker.command.rest.RequestOrigin;
import eu.aiact.tracker.command.rest.CommandOutcome;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Records that a rulebook version became applicable; the query service calls it when its clock reaches the version's date. */
@RestController
public class RulebookController {

    private final CommandSender sender;

    public RulebookController(CommandSender sender) {
        this.sender = sender;
    }

    /** Body of {@code POST /api/rulebooks/{versionId}/applications}. */
    public record ApplicationRequest(@NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 500) String legalSource,
            @NotNull LocalDate inForceFrom, @Size(max = 1000) String reason) {
    }

    @PostMapping("/api/rulebooks/{versionId}/applications")
    public ResponseEntity<CommandOutcome> apply(@PathVariable String versionId, @Valid @RequestBody ApplicationRequest request,
            RequestOrigin origin) {
        return sender.create(new ApplyRulebookVersion(versionId, request.title(), request.legalSource(), request.inForceFrom()),
                origin, request.reason(), "/api/rulebooks/");
    }
}
