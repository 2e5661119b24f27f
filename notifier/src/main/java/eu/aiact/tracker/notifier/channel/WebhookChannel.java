package eu.aiact.tracker.notifier.channel;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.Audience;
import eu.aiact.tracker.notifier.recipients.Recipients;

/**
 * Each alert of an organisation with a webhook, POSTed to it as a CloudEvents 1.0 structured JSON event ({@code ce-id} the alert key),
 * signed {@code X-Signature: sha256=<HMAC-SHA256 of the body with the organisation's secret>}. The target is checked again before every
 * call ({@link WebhookTargets}): one that is refused now makes the delivery a dead letter at once. Redirects are not followed.
 */
@Component
public class WebhookChannel implements Channel {

    public static final String ID = "WEBHOOK";

    private final CloudEvents cloudEvents;
    private final WebhookSettings settings;
    private final WebhookTargets targets;
    private final HttpClient http;

    public WebhookChannel(CloudEvents cloudEvents, WebhookSettings settings, WebhookTargets targets) {
        this.cloudEvents = cloudEvents;
        this.settings = settings;
        this.targets = targets;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public RetryPolicy retry() {
        return settings;
    }

    @Override
    public boolean reachesPerson() {
        return false;
    }

    @Override
    public List<Outgoing> plan(List<Alert> alerts, Recipients to, Instant now) {
        List<Outgoing> outgoing = new ArrayList<>();
        if (to == null || !to.hasWebhook()) {
            return outgoing;
        }
        for (Alert alert : alerts) {
            if (alert.audience() != Audience.PLATFORM) {
                outgoing.add(Outgoing.single(alert.key(), now));
            }
        }
        return outgoing;
    }

    @Override
    public void send(Message message, Recipients to) throws Exception {
        if (to == null || !to.hasWebhook()) {
            throw new IllegalStateException("No webhook configured for " + message.organisation());
        }
        Optional<String> refused = targets.refusalOnSend(to.webhookUrl());
        if (refused.isPresent()) {
            throw new PermanentDeliveryFailure("Webhook target refused: webhookUrl " + refused.get());
        }
        for (Alert alert : message.alerts()) {
            String body = cloudEvents.toJson(alert, message.simulation());
            HttpRequest request = HttpRequest.newBuilder(URI.create(to.webhookUrl()))
                    .timeout(settings.timeout())
                    .header("Content-Type", CloudEvents.CONTENT_TYPE)
                    .header("ce-id", CloudEvents.eventId(alert.key(), message.simulation()).replaceAll("[\\r\\n]", " "))
                    .header("X-Signature", CloudEvents.signature(body, to.webhookSecret()))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 200 || response.statusCode() > 299) {
                throw new IllegalStateException("Webhook answered HTTP " + response.statusCode());
            }
        }
    }
}
