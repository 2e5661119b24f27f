package eu.aiact.tracker.notifier.rest;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.aiact.tracker.notifier.alert.Acknowledgement;
import eu.aiact.tracker.notifier.alert.AcknowledgementRepository;
import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertRepository;
import eu.aiact.tracker.notifier.alert.AlertSweeper;
import eu.aiact.tracker.notifier.clock.NotifierClock;
import eu.aiact.tracker.notifier.delivery.DeliveryRepository;
import eu.aiact.tracker.web.security.Caller;
import eu.aiact.tracker.web.security.Capability;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * Stored alerts with their delivery status, and a dry run of a sweep on any date. Both are dashboards: a caller sees the alerts of the
 * organisations its roles may view, never those of another one, whether it asks for an organisation, a system or neither.
 */
@RestController
@RequestMapping("/api/alerts")
public class AlertController {

    private final AlertRepository alerts;
    private final DeliveryRepository deliveries;
    private final AlertSweeper sweeper;
    private final NotifierClock clock;
    private final AcknowledgementRepository acknowledgements;
    private final Clock realClock;

    public AlertController(AlertRepository alerts, DeliveryRepository deliveries, AlertSweeper sweeper, NotifierClock clock,
            AcknowledgementRepository acknowledgements, Clock realClock) {
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.sweeper = sweeper;
        this.clock = clock;
        this.acknowledgements = acknowledgements;
        this.realClock = realClock;
    }

    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(required = false) @Size(max = 200) String organisation,
            @RequestParam(required = false) @Size(max = 100) String systemId,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
            @RequestParam(defaultValue = "0") @Min(0) int offset) {
        // the organisation filter is part of the query, so that a system of another organisation gives no rows and pages stay full
        return alerts.list(visibleOrganisations(organisation), systemId, limit, offset).stream().map(this::withDeliveries).toList();
    }

    /** The alerts a sweep on {@code asOf} (default: the notifier's date) would decide; nothing is stored or sent. */
    @GetMapping("/preview")
    public Map<String, Object> preview(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf,
            @RequestParam(required = false) @Size(max = 200) String organisation) {
        LocalDate date = asOf == null ? clock.today() : asOf;
        Set<String> organisations = visibleOrganisations(organisation);
        List<AlertSweeper.Preview> previews = sweeper.preview(date, organisations);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("asOf", date);
        body.put("organisation", organisation);
        body.put("wouldCreate", previews.stream().filter(p -> !p.alreadyStored()).map(AlertSweeper.Preview::alert).toList());
        body.put("alreadyStored", previews.stream().filter(AlertSweeper.Preview::alreadyStored).map(p -> p.alert().key()).toList());
        return body;
    }

    /**
     * A CIO office acknowledges one of its organisation's alerts: who (the token's subject), when, a note, and who owns the obligation
     * from now on. Reminders go on until the obligation is fulfilled or not applicable, and name the latest acknowledgement. An alert of
     * an organisation the caller may not acknowledge for is answered as an unknown one (404).
     */
    @PostMapping("/{key}/acknowledgements")
    public ResponseEntity<Acknowledgement> acknowledge(@PathVariable @Size(max = 1000) String key,
            @Valid @RequestBody AcknowledgementRequest request) {
        Caller caller = Caller.current();
        Alert alert = alerts.find(key).filter(a -> !Alert.PLATFORM.equals(a.organisation()))
                .filter(a -> caller.may(Capability.CONFIGURE_ALERTS, a.organisation()))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                        "No alert with this key among the alerts your roles may acknowledge"));
        String note = text("note", request.note());
        String owner = text("owner", request.owner());
        Acknowledgement acknowledgement = acknowledgements.add(alert, Requester.current(), realClock.instant(), note, owner);
        return ResponseEntity.status(HttpStatus.CREATED).body(acknowledgement);
    }

    /** A text field stripped, null when blank; control characters other than tab and line breaks are refused naming the field. */
    private static String text(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') || (Character.isSurrogate(c)
                    && !(Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))
                    || Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(value.charAt(i - 1))))) {
                throw new InvalidFieldException(field, "must not contain control characters (other than tab and line breaks) or lone"
                        + " surrogates; found one at position " + i);
            }
        }
        return value.strip();
    }

    /**
     * The organisations whose alerts the caller gets: the one it asks for, refused (403) unless its roles may view it; otherwise all it
     * may view; null when that is every organisation.
     */
    private static Set<String> visibleOrganisations(String organisation) {
        Caller caller = Caller.current();
        if (organisation != null) {
            caller.require(Capability.VIEW, organisation);
            return Set.of(organisation);
        }
        return caller.scope(Capability.VIEW).orElse(null);
    }

    private Map<String, Object> withDeliveries(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("alert", alert);
        body.put("deliveries", deliveries.forAlert(alert.key()));
        body.put("acknowledgements", acknowledgements.ofAlert(alert.key()));
        return body;
    }
}
