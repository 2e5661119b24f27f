package eu.aiact.tracker.query.rulebook;

import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import eu.aiact.tracker.web.security.ServiceTokens;

/**
 * When the clock reaches a rulebook version's in-force date and the history does not yet say so, asks the command service to record
 * the version as applicable (a RulebookVersionApplied event, which this service then reads from the topic like any other). Versions are
 * applied in date order, so a replay shows the law as it changed. The request is idempotent (its key is the version id), and a
 * version applied already (409) counts as done.
 */
@Component
public class RulebookApplier {

    private static final Logger log = LoggerFactory.getLogger(RulebookApplier.class);

    private final Rulebooks rulebooks;
    private final RulebookApplications applications;
    private final RulebookApplierProperties properties;
    private final Clock clock;
    private final RestClient http;
    private final ServiceTokens tokens;
    private Instant nextCheck = Instant.MIN;

    public RulebookApplier(Rulebooks rulebooks, RulebookApplications applications, RulebookApplierProperties properties, Clock clock,
            ServiceTokens tokens) {
        this.tokens = tokens;
        this.rulebooks = rulebooks;
        this.applications = applications;
        this.properties = properties;
        this.clock = clock;
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5)).build());
        requests.setReadTimeout(Duration.ofSeconds(30));
        this.http = RestClient.builder().baseUrl(properties.commandServiceUrl().toString()).requestFactory(requests).build();
    }

    /** Runs every few seconds; checks when the last check was {@code checkInterval} ago, or {@code retryDelay} after a failure. */
    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT1S")
    public void tick() {
        Instant now = clock.instant();
        if (!properties.enabled() || now.isBefore(nextCheck)) {
            return;
        }
        nextCheck = now.plus(check() ? properties.checkInterval() : properties.retryDelay());
    }

    /** Applies every version whose date has come and that the history does not hold yet; false when one could not be applied. */
    public boolean check() {
        LocalDate today = LocalDate.now(clock);
        Set<String> applied = applications.byVersion().keySet();
        for (Rulebook rulebook : rulebooks.all()) {
            if (rulebook.inForceFrom().isAfter(today) || applied.contains(rulebook.id())) {
                continue;
            }
            if (!apply(rulebook)) {
                return false;
            }
        }
        return true;
    }

    private boolean apply(Rulebook rulebook) {
        try {
            Map<String, String> identity = tokens.identity();
            http.post().uri("/api/rulebooks/{id}/applications", rulebook.id())
                    .contentType(MediaType.APPLICATION_JSON)
                    .headers(headers -> identity.forEach(headers::set))
                    .header("Idempotency-Key", "rulebook-applied-" + rulebook.id())
                    .body(Map.of("title", rulebook.title(), "legalSource", rulebook.legalSource(),
                            "inForceFrom", rulebook.inForceFrom().toString(),
                            "reason", "In force from " + rulebook.inForceFrom() + " according to the rulebook shipped with the query service"))
                    .retrieve().toBodilessEntity();
            log.info("Rulebook version {} recorded as applicable from {}", rulebook.id(), rulebook.inForceFrom());
            return true;
        } catch (RestClientResponseException refused) {
            if (refused.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                return true;
            }
            log.warn("The command service refused to record rulebook version {}: {} {}", rulebook.id(), refused.getStatusCode(),
                    refused.getResponseBodyAsString());
            return false;
        } catch (RestClientException | IllegalStateException unreachable) {
            log.warn("Could not reach the command service at {} to record rulebook version {}; will try again in {}",
                    properties.commandServiceUrl(), rulebook.id(), properties.retryDelay(), unreachable.getMessage());
            return false;
        }
    }
}
