package eu.aiact.tracker.notifier.coverage;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertRepository;
import eu.aiact.tracker.notifier.recipients.RecipientsDirectory;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.constraints.Size;

/**
 * {@code GET /api/coverage}: which organisations are left unwarned. The administrator sees every organisation and the platform's
 * notices; a CIO office its own organisation(s) ({@code cio:*}: all of them).
 */
@RestController
@RequestMapping("/api/coverage")
public class CoverageController {

    private final CoverageReport report;
    private final AlertRepository alerts;
    private final RecipientsDirectory recipients;

    public CoverageController(CoverageReport report, AlertRepository alerts, RecipientsDirectory recipients) {
        this.report = report;
        this.alerts = alerts;
        this.recipients = recipients;
    }

    @GetMapping
    public Map<String, Object> coverage(@RequestParam(required = false) @Size(max = 200) String organisation) {
        Caller caller = Caller.current();
        Set<String> scope;
        if (organisation != null) {
            if (!caller.isAdmin()) {
                caller.require(Capability.CONFIGURE_ALERTS, organisation);
            }
            scope = Set.of(organisation);
        } else {
            scope = caller.isAdmin() ? null : caller.scope(Capability.CONFIGURE_ALERTS).orElse(null);
        }
        List<OrganisationCoverage> organisations = report.organisations(scope);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("uncovered", organisations.stream().filter(o -> !o.covered()).map(OrganisationCoverage::organisation).toList());
        body.put("organisations", organisations);
        if (caller.isAdmin()) {
            Map<String, Object> platform = new LinkedHashMap<>();
            platform.put("addressConfigured", recipients.platformHasAddress());
            platform.put("notices", alerts.platformNotices(7).stream().map(CoverageController::notice).toList());
            // every service's records set aside (read from the .DLT topics), as the notices to the platform count them
            Map<String, Long> deadLetters = alerts.recordDeadLettersByConsumer();
            platform.put("recordDeadLetters", Map.of("total", deadLetters.values().stream().mapToLong(Long::longValue).sum(), "byConsumer",
                    deadLetters));
            body.put("platform", platform);
        }
        return body;
    }

    private static Map<String, Object> notice(Alert notice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("key", notice.key());
        body.put("decidedOn", notice.decidedOn());
        body.put("summary", notice.summary());
        body.put("text", notice.reason());
        return body;
    }
}
