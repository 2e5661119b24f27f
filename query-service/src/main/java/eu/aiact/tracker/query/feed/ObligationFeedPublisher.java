package eu.aiact.tracker.query.feed;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.api.obligation.ObligationFeedMessage;
import eu.aiact.tracker.api.obligation.ObligationItem;
import eu.aiact.tracker.api.obligation.ObligationsMoved;
import eu.aiact.tracker.api.obligation.SystemObligations;
import eu.aiact.tracker.query.obligation.ObligationRepository;
import eu.aiact.tracker.query.obligation.ObligationRow;
import eu.aiact.tracker.domain.obligation.SystemFacts;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.query.rulebook.AppliedVersion;
import eu.aiact.tracker.query.rulebook.ObligationChange;
import eu.aiact.tracker.query.rulebook.RulebookApplications;
import eu.aiact.tracker.stream.DeadLetter;
import eu.aiact.tracker.stream.DeadLetterRetrier;
import eu.aiact.tracker.stream.DeadLetterStore;
import eu.aiact.tracker.stream.Failures;
import eu.aiact.tracker.stream.StreamProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends what the obligations topic is owed: for each queued system the current state of all its obligations, for each queued
 * organisation and rulebook version the due dates that moved. An entry leaves the queue only after the broker acknowledged the message;
 * when the broker or the database is away it stays, with everything after it, for a later round. A message that fails for another
 * reason (too large for the broker, say) is tried a few times while the others go on, and then kept as a dead letter of
 * {@value #CONSUMER} (retried by queueing it again), so that it never holds back the feed.
 */
@Component
public class ObligationFeedPublisher implements DeadLetterRetrier {

    private static final Logger log = LoggerFactory.getLogger(ObligationFeedPublisher.class);
    private static final int BATCH = 1_000;
    private static final long ROUND_MILLIS = 5_000;
    /** The first key of the advisory lock that lets one instance at a time drain the queue (the second: the feed's name hashed). */
    private static final int LOCK_SPACE = 210_022;

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
    private final DeadLetterStore deadLetters;
    private final StreamProperties properties;
    private final TransactionTemplate transactions;
    private final Map<String, Integer> attempts = new ConcurrentHashMap<>();
    private final org.springframework.jdbc.core.JdbcTemplate jdbc;

    public ObligationFeedPublisher(FeedQueue queue, AiSystemRepository systems, ObligationRepository obligations,
            RulebookApplications applications, KafkaTemplate<String, String> kafka, JsonMapper json, Clock clock,
            @Value("${tracker.obligations-topic}") String topic, MeterRegistry meters, DeadLetterStore deadLetters,
            StreamProperties properties, TransactionTemplate transactions, org.springframework.jdbc.core.JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.transactions = transactions;
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

    /**
     * Sends what is queued, oldest first, a batch at a time while there is a backlog (for at most {@value #ROUND_MILLIS} ms a round): a
     * batch's systems and their obligations are read with two queries, all its messages are sent at once and then awaited, and the
     * acknowledged entries leave the queue with one statement. One instance of the service at a time drains the queue (a transaction-scoped
     * advisory lock per batch): two would send the same messages.
     */
    @Scheduled(initialDelayString = "PT1S", fixedDelayString = "${tracker.obligations.feed-interval:PT0.5S}")
    public void publishPending() {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_MILLIS);
        while (System.nanoTime() < until) {
            Integer sent = transactions.execute(status -> {
                if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, hashtext(?))", Boolean.class, LOCK_SPACE,
                        CONSUMER))) {
                    return -1; // another instance drains the queue
                }
                return publishBatch();
            });
            if (sent == null || sent < BATCH) {
                return;
            }
        }
    }

    /** Sends one batch; returns how many entries it took from the queue (fewer than a batch: the queue is drained, or must wait). */
    private int publishBatch() {
        List<FeedQueue.Pending> batch = queue.oldest(BATCH);
        if (batch.isEmpty()) {
            return 0;
        }
        List<String> systemIds = batch.stream().filter(p -> p.kind() == FeedQueue.Kind.SYSTEM).map(FeedQueue.Pending::systemId).toList();
        Map<String, AiSystemRecord> states = systems.findAll(systemIds);
        Map<String, List<ObligationRow>> rows = obligations.ofSystems(systemIds);
        List<CompletableFuture<?>> sends = new ArrayList<>(batch.size());
        List<Exception> built = new ArrayList<>(batch.size());
        for (FeedQueue.Pending pending : batch) {
            CompletableFuture<?> send;
            Exception failure = null;
            try {
                Optional<ObligationFeedMessage> message = pending.kind() == FeedQueue.Kind.SYSTEM
                        ? Optional.ofNullable(states.get(pending.systemId())).map(s -> systemObligations(s, rows.get(s.id())))
                        : moved(pending);
                send = message.isEmpty() ? CompletableFuture.completedFuture(null)
                        : kafka.send(topic, message.get().key(), json.writeValueAsString(message.get()));
            } catch (Exception e) {
                send = CompletableFuture.failedFuture(e);
                failure = e;
            }
            sends.add(send);
            built.add(failure);
        }
        List<FeedQueue.Pending> done = new ArrayList<>(batch.size());
        boolean wait = false;
        for (int i = 0; i < batch.size(); i++) {
            FeedQueue.Pending pending = batch.get(i);
            try {
                Object result = sends.get(i).get(30, TimeUnit.SECONDS);
                if (result != null) {
                    published.increment();
                }
                done.add(pending);
                attempts.remove(pending.key());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                wait = true;
                break;
            } catch (Exception e) {
                Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
                failures.increment();
                if (Failures.isTransient(cause)) {
                    // the broker or the database away: this one stays queued, in order, for a later round
                    log.warn("Could not publish {} to {}; it stays queued: {}", pending.key(), topic, cause.toString());
                    wait = true;
                    continue;
                }
                int tried = attempts.merge(pending.key(), 1, Integer::sum);
                if (tried < properties.permanentAttempts()) {
                    log.warn("Could not publish {} to {} (attempt {}): {}", pending.key(), topic, tried, Failures.reason(cause));
                    wait = true;
                    continue; // the others go on; this one is tried again on a later round
                }
                // a message that can never be sent (too large, not serialisable ...) must not hold back the others
                deadLetters.recordUnsent(CONSUMER, topic, pending.key(), json.writeValueAsString(Map.of("kind", pending.kind(),
                        "key", pending.key(), "systemId", String.valueOf(pending.systemId()), "versionId",
                        String.valueOf(pending.versionId()), "organisation", String.valueOf(pending.organisation()))), cause, tried);
                done.add(pending);
                attempts.remove(pending.key());
            }
        }
        queue.sentAll(done);
        return wait ? 0 : batch.size();
    }

    /** The name the feed's dead letters carry. */
    public static final String CONSUMER = "obligations-feed";

    @Override
    public String consumer() {
        return CONSUMER;
    }

    /** A dead letter of the feed is retried by queueing its message again (with the state of now). */
    @Override
    public void retry(DeadLetter letter, String by) {
        tools.jackson.databind.JsonNode pending = json.readTree(letter.value());
        transactions.executeWithoutResult(status -> {
            if (FeedQueue.Kind.valueOf(pending.get("kind").asString()) == FeedQueue.Kind.SYSTEM) {
                queue.system(pending.get("systemId").asString());
            } else {
                queue.moved(pending.get("key").asString(), pending.get("versionId").asString(), pending.get("organisation").asString());
            }
            deadLetters.resolve(letter.id(), DeadLetter.Status.RETRIED, by, "queued again");
        });
    }

    private Optional<ObligationFeedMessage> moved(FeedQueue.Pending pending) {
        AppliedVersion applied = applications.byVersion().get(pending.versionId());
        if (applied == null) {
            return Optional.empty();
        }
        List<ObligationChange> changes = applications.changes(pending.versionId(), pending.organisation(), null, 100_000, 0);
        return Optional.of(new ObligationsMoved(applied.versionId(), applied.title(), applied.effectiveDate(), pending.organisation(),
                applied.eventId(), changes.stream().map(c -> new ObligationsMoved.Move(c.systemId(), c.systemName(), c.code(), c.article(),
                        c.oldDueDate(), c.newDueDate(), c.oldRulebook(), c.newRulebook())).toList(), applied.recordedAt()));
    }

    private SystemObligations systemObligations(AiSystemRecord state, List<ObligationRow> stored) {
        List<ObligationRow> rows = stored == null ? List.of() : stored;
        LocalDate evaluatedOn = rows.isEmpty() ? LocalDate.now(clock) : rows.get(0).evaluatedOn();
        SystemFacts facts = state.toFacts();
        return new SystemObligations(state.id(), state.organisation(), state.name(), state.phase(), facts.paused(), state.riskClass(),
                facts.experimentStartedOn(), facts.inServiceSince(), facts.endedOn(), state.version(), evaluatedOn, Instant.now(clock),
                rows.stream().map(r -> new ObligationItem(r.code(), r.title(), r.article(), r.bearer(), r.dueDate(), r.status(), r.rulebook(),
                        r.reason(), r.source())).toList());
    }
}
