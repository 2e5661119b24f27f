package eu.aiact.tracker.notifier.recipients;

import java.util.List;

/** Who receives one organisation's alerts. The webhook secret never leaves the notifier through its API. */
public record Recipients(String organisation, String cioOffice, List<String> reviewers, String webhookUrl, String webhookSecret,
        boolean digest) {

    public boolean hasWebhook() {
        return webhookUrl != null && !webhookUrl.isBlank();
    }

    /** Without the webhook secret, so that no log line or exception message carries it. */
    @Override
    public String toString() {
        return "Recipients[organisation=" + organisation + ", cioOffice=" + cioOffice + ", reviewers=" + reviewers + ", webhookUrl="
                + webhookUrl + ", webhookSecret=" + (webhookSecret == null ? null : "(set)") + ", digest=" + digest + "]";
    }
}
