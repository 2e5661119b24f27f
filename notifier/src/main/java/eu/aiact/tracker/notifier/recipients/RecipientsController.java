package eu.aiact.tracker.notifier.recipients;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import eu.aiact.tracker.notifier.channel.WebhookTargets;
import eu.aiact.tracker.notifier.rest.InvalidFieldException;
import eu.aiact.tracker.web.security.AccessRefusedException;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Who an organisation's alerts go to: the CIO office (everything), reviewers (lowered classifications), a webhook, digest or not. Only
 * the organisation's CIO office changes them; it and the organisation's auditors read them. The webhook secret is answered as "set",
 * never itself.
 */
@RestController
@RequestMapping("/api/organisations/{organisation}/recipients")
public class RecipientsController {

    private final RecipientsRepository repository;
    private final WebhookTargets targets;
    private final Clock clock;

    public RecipientsController(RecipientsRepository repository, WebhookTargets targets, Clock clock) {
        this.repository = repository;
        this.targets = targets;
        this.clock = clock;
    }

    /**
     * The organisation check for both methods. As a model attribute method it runs before the body is read and validated, so that a
     * caller without a role for the path's organisation is refused (403) whatever it sends, and never learns whether that organisation
     * has recipients (the 404 of {@link #get}).
     */
    @ModelAttribute
    void refuseOtherOrganisations(@PathVariable String organisation, HttpMethod method) {
        Caller caller = Caller.current();
        if (HttpMethod.PUT.equals(method)) {
            caller.require(Capability.CONFIGURE_ALERTS, organisation);
        } else if (!caller.may(Capability.CONFIGURE_ALERTS, organisation) && !caller.may(Capability.AUDIT, organisation)) {
            throw new AccessRefusedException("Your roles do not allow reading the alert recipients of this organisation");
        }
    }

    @PutMapping
    public Map<String, Object> put(@PathVariable @NotBlank @Size(max = 200) String organisation, @Valid @RequestBody RecipientsRequest request) {
        boolean webhook = request.webhookUrl() != null && !request.webhookUrl().isBlank();
        if (webhook && request.webhookSecret() == null) {
            // a webhook without its shared secret could not be signed
            throw new InvalidFieldException("webhookSecret", "a webhookUrl needs a webhookSecret of at least 16 characters");
        }
        if (webhook) {
            // checked again before every call: what the host resolves to may change
            targets.refusalOnSave(request.webhookUrl()).ifPresent(reason -> {
                throw new InvalidFieldException("webhookUrl", reason);
            });
        }
        Recipients recipients = new Recipients(organisation, request.cioOffice(), request.reviewers() == null ? List.of() : request.reviewers(),
                webhook ? request.webhookUrl() : null, webhook ? request.webhookSecret() : null, Boolean.TRUE.equals(request.digest()));
        repository.save(recipients, clock.instant());
        return view(recipients);
    }

    @GetMapping
    public Map<String, Object> get(@PathVariable @NotBlank @Size(max = 200) String organisation) {
        return repository.find(organisation).map(RecipientsController::view)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No recipients configured for " + organisation));
    }

    private static Map<String, Object> view(Recipients recipients) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("organisation", recipients.organisation());
        body.put("cioOffice", recipients.cioOffice());
        body.put("reviewers", recipients.reviewers());
        body.put("webhookUrl", recipients.webhookUrl());
        body.put("webhookSecret", recipients.webhookSecret() == null ? null : "set");
        body.put("digest", recipients.digest());
        return body;
    }
}
