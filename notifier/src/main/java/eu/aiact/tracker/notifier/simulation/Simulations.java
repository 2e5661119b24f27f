package eu.aiact.tracker.notifier.simulation;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.notifier.alert.Alert;
import eu.aiact.tracker.notifier.alert.AlertDecider;
import eu.aiact.tracker.notifier.alert.AlertRepository;
import eu.aiact.tracker.notifier.alert.AlertSweeper;
import eu.aiact.tracker.notifier.channel.MailChannel;
import eu.aiact.tracker.notifier.channel.Message;
import eu.aiact.tracker.notifier.channel.Outgoing;
import eu.aiact.tracker.notifier.channel.WebhookChannel;
import eu.aiact.tracker.notifier.recipients.Recipients;
import eu.aiact.tracker.notifier.tracking.TrackedSystem;
import eu.aiact.tracker.notifier.tracking.TrackingRepository;

/**
 * Simulated sweeps: what a sweep on another date would decide, stored apart from real alerts (a real sweep reads only the alert table,
 * so nothing decided here can suppress a real alert), sent to no real recipient; optionally to a sandbox recipient the caller names.
 */
@Service
public class Simulations {

    private static final Logger log = LoggerFactory.getLogger(Simulations.class);
    /** At most this many sandbox messages per channel and simulation. */
    static final int SANDBOX_LIMIT = 500;

    private final SimulationRepository repository;
    private final TrackingRepository tracking;
    private final AlertDecider decider;
    private final AlertRepository alerts;
    private final MailChannel mail;
    private final WebhookChannel webhook;
    private final TransactionTemplate transactions;
    private final JdbcTemplate jdbc;
    private final Clock clock;

    public Simulations(SimulationRepository repository, TrackingRepository tracking, AlertDecider decider, AlertRepository alerts,
            MailChannel mail, WebhookChannel webhook, TransactionTemplate transactions, JdbcTemplate jdbc, Clock clock) {
        this.repository = repository;
        this.tracking = tracking;
        this.decider = decider;
        this.alerts = alerts;
        this.mail = mail;
        this.webhook = webhook;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * What a simulation did.
     *
     * @param created       the alerts it added (the first ones, as many as asked for)
     * @param createdCount  how many it added
     * @param alreadyStored how many alerts of the date are stored for real already (a real sweep then would not send them)
     * @param sandbox       what went to the sandbox recipient (null: none named)
     */
    public record Result(Simulation simulation, long createdCount, List<Alert> created, long alreadyStored, SandboxReport sandbox) {
    }

    /** @param errors the first errors, one line each */
    public record SandboxReport(String email, String webhookUrl, int mailsSent, int webhookCallsSent, int failed, boolean truncated,
            List<String> errors) {
    }

    /**
     * Simulates a sweep on the date.
     *
     * @param organisations only these organisations' alerts (null: all)
     * @param clockOrigin   true for a sweep asked for while the clock is set: it adds to the open simulation of that date
     * @param keep          how many of the created alerts to answer
     */
    public Result simulate(LocalDate date, String organisation, Set<String> organisations, Sandbox sandbox, String requestedBy,
            boolean clockOrigin, int keep) {
        Instant now = clock.instant();
        List<Alert> created = new ArrayList<>();
        long[] counts = {0, 0};
        long id = transactions.execute(status -> {
            jdbc.queryForList("SELECT pg_advisory_xact_lock(?)", AlertSweeper.SWEEP_LOCK);
            long simulation = clockOrigin ? repository.openClockSimulation(date, requestedBy, now)
                    : repository.create(date, organisation, Simulation.API, requestedBy, sandbox == null ? null : sandbox.email(),
                            sandbox == null ? null : sandbox.webhookUrl(), now);
            tracking.forEachPage(AlertSweeper.PAGE_SIZE, systems -> {
                List<Alert> decided = new ArrayList<>();
                for (TrackedSystem system : systems) {
                    if (organisations == null || organisations.contains(system.organisation())) {
                        for (Alert alert : decider.decide(system, date)) {
                            decided.add(alert.withCreatedAt(now));
                        }
                    }
                }
                AlertRepository.Keyed keyed = alerts.keyed(decided);
                counts[1] += keyed.stored().size();
                for (Alert alert : repository.addAlerts(simulation, keyed.fresh())) {
                    counts[0]++;
                    created.add(alert);
                }
            });
            return simulation;
        });
        Simulation simulation = repository.find(id).orElseThrow();
        SandboxReport report = sandbox == null ? null : deliver(simulation, created, sandbox);
        log.info("Simulation {} of {} ({}): {} alerts, {} stored for real already", id, date, clockOrigin ? "clock" : "API", counts[0], counts[1]);
        return new Result(simulation, counts[0], created.subList(0, (int) Math.min(keep, created.size())), counts[1], report);
    }

    /** Sends the simulation's new alerts to the sandbox, mails grouped as real ones are; at most {@link #SANDBOX_LIMIT} per channel. */
    private SandboxReport deliver(Simulation simulation, List<Alert> created, Sandbox sandbox) {
        int mails = 0;
        int calls = 0;
        int failed = 0;
        boolean truncated = false;
        List<String> errors = new ArrayList<>();
        Instant now = clock.instant();
        Map<String, List<Alert>> byOrganisation = new LinkedHashMap<>();
        created.forEach(alert -> byOrganisation.computeIfAbsent(alert.organisation(), k -> new ArrayList<>()).add(alert));
        if (sandbox.email() != null && !sandbox.email().isBlank()) {
            Recipients to = new Recipients("(sandbox)", sandbox.email(), List.of(), null, null, false);
            outer:
            for (Map.Entry<String, List<Alert>> own : byOrganisation.entrySet()) {
                Map<String, Alert> byKey = new LinkedHashMap<>();
                own.getValue().forEach(alert -> byKey.put(alert.key(), alert));
                for (Outgoing outgoing : mail.plan(own.getValue(), to, now)) {
                    if (mails + failed >= SANDBOX_LIMIT) {
                        truncated = true;
                        break outer;
                    }
                    List<Alert> carried = outgoing.alertKeys().isEmpty() ? List.of(byKey.get(outgoing.messageKey()))
                            : outgoing.alertKeys().stream().map(byKey::get).toList();
                    Message message = new Message(outgoing.messageKey(), outgoing.alertKeys().isEmpty() ? Message.Kind.ALERT
                            : Message.Kind.GROUP, own.getKey(), carried, simulation.date(), simulation.label());
                    try {
                        mail.send(message, to);
                        mails++;
                    } catch (Exception e) {
                        failed++;
                        error(errors, "mail " + outgoing.messageKey(), e);
                    }
                }
            }
        }
        if (sandbox.webhookUrl() != null && !sandbox.webhookUrl().isBlank()) {
            Recipients to = new Recipients("(sandbox)", null, List.of(), sandbox.webhookUrl(), sandbox.webhookSecret(), false);
            for (Alert alert : created) {
                if (calls + failed >= 2 * SANDBOX_LIMIT) {
                    truncated = true;
                    break;
                }
                try {
                    webhook.send(new Message(alert.key(), Message.Kind.ALERT, alert.organisation(), List.of(alert), simulation.date(),
                            simulation.label()), to);
                    calls++;
                } catch (Exception e) {
                    failed++;
                    error(errors, "webhook " + alert.key(), e);
                }
            }
        }
        return new SandboxReport(sandbox.email(), sandbox.webhookUrl(), mails, calls, failed, truncated, errors);
    }

    private static void error(List<String> errors, String what, Exception e) {
        if (errors.size() < 10) {
            errors.add(what + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Closes the open simulation of the clock (the clock was set to another date or back); later sweeps begin a new one. */
    public void closeClockSimulations() {
        repository.closeClockSimulations(clock.instant());
    }

    public List<Simulation> list(int limit, int offset) {
        return repository.list(limit, offset);
    }

    public java.util.Optional<Simulation> find(long id) {
        return repository.find(id);
    }

    public List<Alert> alerts(long id, int limit, int offset) {
        return repository.alerts(id, limit, offset);
    }

    /** Discards a simulation and its alerts. @return false when there is none */
    public boolean discard(long id) {
        return repository.delete(id);
    }
}
