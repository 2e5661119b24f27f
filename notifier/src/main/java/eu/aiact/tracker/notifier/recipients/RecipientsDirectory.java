package eu.aiact.tracker.notifier.recipients;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import eu.aiact.tracker.notifier.NotifierProperties;
import eu.aiact.tracker.notifier.alert.Alert;

/** Who an organisation's alerts go to: its configured recipients; for the platform's own notices, the platform address. */
@Component
public class RecipientsDirectory {

    private final RecipientsRepository repository;
    private final Recipients platform;

    public RecipientsDirectory(RecipientsRepository repository, NotifierProperties properties) {
        this.repository = repository;
        String address = properties.platformAddress();
        this.platform = address == null || address.isBlank() ? null
                : new Recipients(Alert.PLATFORM, address.strip(), List.of(), null, null, false);
    }

    /** @return the recipients, or null when none are configured */
    public Recipients of(String organisation) {
        if (Alert.PLATFORM.equals(organisation)) {
            return platform;
        }
        return repository.find(organisation).orElse(null);
    }

    /** Every organisation's recipients (the platform's too, when it has an address), by organisation. */
    public Map<String, Recipients> all() {
        Map<String, Recipients> all = repository.all();
        if (platform != null) {
            all.put(Alert.PLATFORM, platform);
        }
        return all;
    }

    public boolean platformHasAddress() {
        return platform != null;
    }
}
