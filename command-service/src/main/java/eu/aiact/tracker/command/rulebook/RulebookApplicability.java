package eu.aiact.tracker.command.rulebook;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.rulebook.ApplyRulebookVersion;
import eu.aiact.tracker.command.rest.CommandMetadata;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * Records, as a RulebookVersionApplied event, that a rulebook version became applicable, once the clock reaches its in-force date:
 * versions in date order, so a replay shows the law as it changed. The command side owns this write: it reads the same rulebook files
 * (module {@code domain}) as the query service, which projects the event like any other. A version already in the event store is
 * not recorded again. The actor of the event is {@value #ACTOR}.
 */
@Component
public class RulebookApplicability {

    public static final String ACTOR = "command-service";
    private static final Logger log = LoggerFactory.getLogger(RulebookApplicability.class);

    private final Rulebooks rulebooks;
    private final CommandGateway commands;
    private final JdbcTemplate jdbc;
    private final RulebookApplicabilityProperties properties;
    private final Clock clock;
    private final Set<String> applied = new HashSet<>();
    private Instant nextCheck = Instant.MIN;

    public RulebookApplicability(Rulebooks rulebooks, CommandGateway commands, JdbcTemplate jdbc, RulebookApplicabilityProperties properties,
            Clock clock) {
        this.rulebooks = rulebooks;
        this.commands = commands;
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Runs every second; checks when the last check was {@code checkInterval} ago, or {@code retryDelay} after a failure. */
    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "PT1S")
    public void tick() {
        Instant now = clock.instant();
        if (!properties.enabled() || now.isBefore(nextCheck)) {
            return;
        }
        boolean done;
        try {
            done = check().failed().isEmpty();
        } catch (RuntimeException e) {
            log.warn("Could not check which rulebook versions are applicable; will try again in {}: {}", properties.retryDelay(),
                    e.toString());
            done = false;
        }
        nextCheck = now.plus(done ? properties.checkInterval() : properties.retryDelay());
    }

    /** What one check did: the versions it recorded now, and those it could not record. */
    public record Outcome(List<String> recorded, List<String> failed) {
    }

    /** Records every version whose date has come and that the event store does not hold yet, in date order. */
    public synchronized Outcome check() {
        LocalDate today = LocalDate.now(clock);
        List<String> recorded = new java.util.ArrayList<>();
        for (Rulebook rulebook : rulebooks.all()) {
            if (rulebook.inForceFrom().isAfter(today) || applied.contains(rulebook.id())) {
                continue;
            }
            if (!stored(rulebook.id())) {
                try {
                    record(rulebook);
                    recorded.add(rulebook.id());
                } catch (RuntimeException e) {
                    if (!stored(rulebook.id())) { // recorded by another instance meanwhile: done
                        log.warn("Could not record rulebook version {} as applicable: {}", rulebook.id(), e.toString());
                        return new Outcome(recorded, List.of(rulebook.id()));
                    }
                }
            }
            applied.add(rulebook.id());
        }
        return new Outcome(recorded, List.of());
    }

    private boolean stored(String versionId) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domainevententry WHERE aggregateidentifier = ? AND type = 'RulebookVersion')",
                Boolean.class, versionId));
    }

    private void record(Rulebook rulebook) {
        MetaData metadata = MetaData.from(Map.of(
                CommandMetadata.ACTOR, ACTOR,
                CommandMetadata.CORRELATION_ID, UUID.randomUUID().toString(),
                CommandMetadata.REASON, "In force from " + rulebook.inForceFrom() + " according to the rulebook file " + rulebook.file()));
        commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ApplyRulebookVersion(rulebook.id(), rulebook.title(),
                rulebook.legalSource(), rulebook.inForceFrom())).andMetaData(metadata));
        log.info("Rulebook version {} recorded as applicable from {}", rulebook.id(), rulebook.inForceFrom());
    }
}
