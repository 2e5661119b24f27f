package eu.aiact.tracker.query.export;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the exports need that the events do not record.
 *
 * @param contacts       the contact for the Algoritmeregister per organisation (a map key with spaces is written in brackets:
 *                       {@code tracker.exports.contacts[Gemeente Utrecht]=algoritmes@utrecht.nl}); an organisation without one has its
 *                       systems refused by the export, "contact" missing
 * @param dashboardUrl   the web application's address: each calendar event links to its system page there ({@code /systems/{id}}),
 *                       and the former {@code /dashboard} pages redirect there
 */
@ConfigurationProperties("tracker.exports")
public record ExportProperties(Map<String, String> contacts, @DefaultValue("http://127.0.0.1:8080") String dashboardUrl) {

    public ExportProperties {
        contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
    }
}
