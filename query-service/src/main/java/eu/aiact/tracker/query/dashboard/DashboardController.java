package eu.aiact.tracker.query.dashboard;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import eu.aiact.tracker.query.export.ExportProperties;

/**
 * One UI: the web application. The query service's former dashboard pages answer with a permanent redirect to the same view there
 * (links in old alert mails and calendars keep working; the web application asks the user to sign in).
 */
@RestController
public class DashboardController {

    private final ExportProperties properties;

    public DashboardController(ExportProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/dashboard")
    public ResponseEntity<Void> portfolio(@RequestParam(required = false) String organisation) {
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(properties.dashboardUrl()).path("/portfolio");
        if (organisation != null && !organisation.isBlank() && organisation.length() <= 200) {
            target.queryParam("organisation", organisation);
        }
        return moved(target.encode().build().toUri());
    }

    @GetMapping("/dashboard/organisations/{organisation}")
    public ResponseEntity<Void> organisation(@PathVariable String organisation) {
        return portfolio(organisation);
    }

    @GetMapping("/dashboard/systems/{id}")
    public ResponseEntity<Void> system(@PathVariable String id) {
        return moved(UriComponentsBuilder.fromUriString(properties.dashboardUrl()).path("/systems/{id}").buildAndExpand(id).encode().toUri());
    }

    private static ResponseEntity<Void> moved(URI target) {
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY).location(target).build();
    }
}
