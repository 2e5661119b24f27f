package eu.aiact.tracker.webapp;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tracker.web.*}: where the services are, and how the identity provider names the user's roles.
 *
 * @param commandServiceUrl the command service (commands, chain verification, the catalogue of provisions)
 * @param queryServiceUrl   the query service (systems, obligations, portfolio, history, exports)
 * @param notifierUrl       the notifier (alerts, recipients, coverage)
 * @param importUrl         where {@code POST /api/imports} lives; default the command service
 * @param feedUrl           the public address of the calendar feeds ({@code /feeds/{secret}/deadlines.ics}) that calendar clients fetch;
 *                          default: the query service's address
 * @param rolesClaim        the ID token (or access token) claim with the user's roles, {@code role:organisation} strings
 * @param settleTimeout     how long a page waits after a command for the query service to show it
 */
@ConfigurationProperties("tracker.web")
public record WebProperties(@DefaultValue("http://127.0.0.1:8081") URI commandServiceUrl,
        @DefaultValue("http://127.0.0.1:8082") URI queryServiceUrl, @DefaultValue("http://127.0.0.1:8083") URI notifierUrl,
        URI importUrl, URI feedUrl, @DefaultValue("roles") String rolesClaim,
        @DefaultValue("5s") java.time.Duration settleTimeout) {

    public URI imports() {
        return importUrl != null ? importUrl : commandServiceUrl;
    }

    public URI feeds() {
        return feedUrl != null ? feedUrl : queryServiceUrl;
    }
}
