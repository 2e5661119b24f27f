package eu.aiact.tracker.notifier.recipients;

import java.util.List;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** The body of {@code PUT /api/organisations/{organisation}/recipients}. */
public record RecipientsRequest(
        @NotBlank @Email @Size(max = 320) String cioOffice,
        @Size(max = 50) List<@NotBlank @Email @Size(max = 320) String> reviewers,
        @Size(max = 2000) @Pattern(regexp = "https?://[^\\s/?#]+(:[0-9]{1,5})?([/?#]\\S*)?", message = "must be an http or https URL") String webhookUrl,
        @Size(min = 16, max = 500) String webhookSecret,
        Boolean digest) {
}
