package eu.aiact.tracker.query.rulebook;

import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.Rulebook;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.envelope.EventEnvelope;
import eu.aiact.tracker.api.obligation.ObligationsMoved;
import eu.aiact.tracker.api.rulebook.DeadlinesMoved;
import eu.aiact.tracker.api.rulebook.RulebookVersionApplied;
import eu.aiact.tracker.query.feed.FeedQueue;
import eu.aiact.tracker.domain.obligation.Obligation;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.query.obligation.ObligationProjection;
import eu.aiact.tracker.domain.system.AiSystemRecord;

/**
 * Reads RulebookVersionApplied events: records when each version became applicable, and then evaluates every system's stored
 * obligations again for today. What a version moved was decided by the command service when it recorded the version, and comes as
 * DeadlinesMoved events, whose rows are copied as they are: a rebuild gives the same rows, in any order it reads the history. For an
 * application recorded before that (no {@code movesDecided}), what moved is worked out here as before, from the systems as projected
 * so far. Moved deadlines are announced on the obligations feed (one message per organisation and version), but not again during a
 * rebuild.
 */
@Component
public class RulebookApplicationProjection {

    private static final Logger log = LoggerFactory.getLogger(RulebookApplicationProjection.class);

    private final Rulebooks rulebooks;
    private final ObligationEngine engine;
    private final ObligationProjection obligations;
    private final RulebookApplications applications;
    private final FeedQueue feed;

    public RulebookApplicationProjection(Rulebooks rulebooks, ObligationEngine engine, ObligationProjection obligations,
            RulebookApplications applications, FeedQueue feed) {
        this.feed = feed;
        this.rulebooks = rulebooks;
        this.engine = engine;
        this.obligations = obligations;
        this.applications = applications;
    }

    /**
     * A rebuild's replay met the application: recorded if it was not, nothing evaluated (what moved was decided when it became
     * applicable and is kept; the rebuild's end evaluates every system for today). Returns whether it was new.
     */
    public boolean record(RulebookVersionApplied event, EventEnvelope envelope) {
        String actor = envelope.metadata() == null ? null : envelope.metadata().get("actor");
        return applications.record(new AppliedVersion(event.versionId(), event.title(), event.legalSource(), event.effectiveDate(),
                envelope.eventId(), envelope.recordedAt(), actor, 0, 0));
    }

    /**
     * What the moved due dates of a decided application become: rows (each once: a rebuild that reads them again adds nothing), and
     * (unless replaying) a feed message per organisation.
     */
    public void on(DeadlinesMoved moved, EventEnvelope envelope, boolean replaying) {
        List<ObligationChange> changes = new ArrayList<>();
        for (DeadlinesMoved.Move move : moved.moves() == null ? List.<DeadlinesMoved.Move>of() : moved.moves()) {
            changes.add(new ObligationChange(moved.versionId(), envelope.eventId(), move.systemId(), moved.organisation(), move.systemName(),
                    move.code(), move.article(), move.oldDueDate(), move.newDueDate(), move.oldRulebook(), move.newRulebook(),
                    envelope.recordedAt()));
        }
        applications.recordChanges(changes);
        applications.movesCopied(moved.versionId(), moved.systemsEvaluated());
        if (!replaying && !changes.isEmpty()) {
            feed.moved(ObligationsMoved.keyOf(moved.versionId(), moved.organisation()), moved.versionId(), moved.organisation());
        }
    }

    /** Call within the listener's transaction. */
    public void on(RulebookVersionApplied event, EventEnvelope envelope) {
        if (!record(event, envelope)) {
            return;
        }
        if (rulebooks.byId(event.versionId()).isEmpty()) {
            log.warn("Rulebook version {} became applicable according to event {}, but this service has no such rulebook", event.versionId(),
                    envelope.eventId());
        }
        if (Boolean.TRUE.equals(event.movesDecided())) {
            obligations.refreshAll();
            log.info("Rulebook version {} applicable from {}: what it moved follows as decided when it was recorded", event.versionId(),
                    event.effectiveDate());
            return;
        }
        Optional<ApplicableRulebooks> before = inForceOn(event.effectiveDate().minusDays(1));
        Optional<ApplicableRulebooks> after = inForceOn(event.effectiveDate());
        LocalDate today = obligations.today();
        int[] moved = {0};
        int systems = obligations.forEachPage(page -> {
            if (before.isEmpty() || after.isEmpty()) {
                return;
            }
            List<ObligationChange> changes = new ArrayList<>();
            for (AiSystemRecord state : page) {
                changes.addAll(moves(state, before.get(), after.get(), today, event.versionId(), envelope));
            }
            applications.recordChanges(changes);
            changes.stream().map(ObligationChange::organisation).distinct().forEach(organisation -> feed.moved(
                    ObligationsMoved.keyOf(event.versionId(), organisation), event.versionId(), organisation));
            moved[0] += changes.size();
        });
        applications.counts(event.versionId(), systems, moved[0]);
        obligations.refreshAll();
        log.info("Rulebook version {} applicable from {}: {} systems evaluated again, {} due dates moved", event.versionId(),
                event.effectiveDate(), systems, moved[0]);
    }

    private Optional<ApplicableRulebooks> inForceOn(LocalDate date) {
        try {
            return Optional.of(rulebooks.inForceOn(date));
        } catch (IllegalArgumentException noneInForce) {
            return Optional.empty();
        }
    }

    private List<ObligationChange> moves(AiSystemRecord state, ApplicableRulebooks before, ApplicableRulebooks after, LocalDate today,
            String versionId, EventEnvelope envelope) {
        Map<String, Obligation> old = byCode(engine.evaluate(state.toFacts(), before, today));
        Map<String, Obligation> now = byCode(engine.evaluate(state.toFacts(), after, today));
        Set<String> codes = new LinkedHashSet<>(old.keySet());
        codes.addAll(now.keySet());
        List<ObligationChange> changes = new ArrayList<>();
        for (String code : codes) {
            Obligation was = old.get(code);
            Obligation is = now.get(code);
            LocalDate oldDue = was == null ? null : was.dueDate();
            LocalDate newDue = is == null ? null : is.dueDate();
            if (was != null && is != null && Objects.equals(oldDue, newDue)) {
                continue;
            }
            changes.add(new ObligationChange(versionId, envelope.eventId(), state.id(), state.organisation(), state.name(), code,
                    (is != null ? is : was).article(), oldDue, newDue, was == null ? null : was.rulebook(),
                    is == null ? null : is.rulebook(), envelope.recordedAt()));
        }
        return changes;
    }

    private static Map<String, Obligation> byCode(List<Obligation> obligations) {
        Map<String, Obligation> byCode = new LinkedHashMap<>();
        obligations.forEach(o -> byCode.put(o.code(), o));
        return byCode;
    }
}
