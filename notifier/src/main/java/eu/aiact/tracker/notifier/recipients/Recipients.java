package eu.aiact.tracker.notifier.recipients;

import java.util.List;

/** Who receives one organisation's alerts. The webhook secret never leaves the notifier through its API. */
public record Recipients(String organisation, String cioOffice, List<String> reviewers, String webhookUrl, String webhookSecret,
        boolean digest) {

    public boolean hasWebhook() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }
}
