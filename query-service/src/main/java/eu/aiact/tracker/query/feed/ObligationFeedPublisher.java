package eu.aiact.tracker.query.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationsMoved;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.query.obligation.ObligationFilter;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.obligation.ObligationRow;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.query.rulebook.AppliedVersion;
import eu.aiact.tracker.query.rulebook.ObligationChange;
import eu.aiact.tracker.query.rulebook.RulebookApplications;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what the obligations topic is owed: for each queued system the current state of all its obligations, for each queued
 * organisation and rulebook version the due dates that moved. An entry leaves the queue only after the broker acknowledged the message;
 * on failure it stays and is sent on a later round.
 */
@Component
public class ObligationFeedPublisher {

    private static final Logger log = LoggerFactory.getLogger(ObligationFeedPublisher.class);
    private static final int BATCH = 200;

    private final FeedQueue queue;
    private final AiSystemRepository systems;
    private final ObligationRepository obligations;
    private final RulebookApplications applications;
    private final KafkaTemplate<String, String> kafka;
    private final JsonMapper json;
    private final Clock clock;
    private final String topic;
    private final Counter published;
    private final Counter failures;

    public ObligationFeedPublisher(FeedQueue queue, AiSystemRepository systems, ObligationRepository obligations,
            RulebookApplications applications, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock,
            @Value("${tracker.obligations-topic}") String topic, MeterRegistry meters) {
        this.queue = queue;
        this.systems = systems;
        this.obligations = obligations;
        this.applications = applications;
        this.kafka = kafka;
        this.json = json;
        this.clock = clock;
        this.topic = topic;
        this.published = Counter.builder("tracker.obligations.feed.published").description("Messages acknowledged on the obligations topic")
                .register(meters);
        this.failures = Counter.builder("tracker.obligations.feed.failures").description("Failed sends to the obligations topic (retried)")
                .register(meters);
    }

    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${tracker.obligations.feed-interval:PT0.5S}")
    public void publishPending() {
        List<FeedQueue.Pending> batch = queue.oldest(BATCH);
        for (FeedQueue.Pending pending : batch) {
            Optional<ObligationFeedMessage> message = message(pending);
            try {
                if (message.isPresent()) {
                    kafka.send(topic, message.get().key(), json.writeValueAsString(message.get())).get(30, TimeUnit.SECONDS);
                    published.increment();
                }
                queue.sent(pending);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.increment();
                log.warn("Could not publish {} to {}; it stays queued: {}", pending.key(), topic, e.getMessage());
                return;
            }
        }
    }

    private Optional<ObligationFeedMessage> message(FeedQueue.Pending pending) {
        if (pending.kind() == FeedQueue.Kind.SYSTEM) {
            return systems.find(pending.systemId()).map(this::systemObligations);
        }
        AppliedVersion applied = applications.byVersion().get(pending.versionId());
        if (applied == null) {
            return Optional.empty();
        }
        List<ObligationChange> changes = applications.changes(pending.versionId(), pending.organisation(), null, 100_000, 0);
        return Optional.of(new ObligationsMoved(applied.versionId(), applied.title(), applied.effectiveDate(), pending.organisation(),
                applied.eventId(), changes.stream().map(c -> new ObligationsMoved.Move(c.systemId(), c.systemName(), c.code(), c.article(),
                        c.oldDueDate(), c.newDueDate(), c.oldRulebook(), c.newRulebook())).toList()));
    }

    private SystemObligations systemObligations(AiSystemRecord state) {
        List<ObligationRow> rows = obligations.list(new ObligationFilter(null, state.id(), null, null), 10_000, 0);
        LocalDate evaluatedOn = rows.isEmpty() ? LocalDate.now(clock) : rows.get(0).evaluatedOn();
        SystemFacts facts = state.toFacts();
        return new SystemObligations(state.id(), state.organisation(), state.name(), state.phase(), facts.paused(), state.riskClass(),
                facts.experimentStartedOn(), facts.inServiceSince(), facts.endedOn(), state.version(), evaluatedOn, Instant.now(clock),
                rows.stream().map(r -> new ObligationItem(r.code(), r.title(), r.article(), r.bearer(), r.dueDate(), r.status(), r.rulebook(),
                        r.reason(), r.source())).toList());
    }
}
