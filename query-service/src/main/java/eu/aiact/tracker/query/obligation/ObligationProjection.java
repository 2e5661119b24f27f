package eu.aiact.tracker.query.obligation;

import eu.aiact.tracker.domain.obligation.ObligationEngine;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import eu.aiact.tracker.query.feed.FeedQueue;
import eu.aiact.tracker.query.projection.AiSystemRepository;
import eu.aiact.tracker.domain.system.AiSystemRecord;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.Rulebooks;

/**
 * Keeps the {@code obligation} table equal to what the engine says for every system today, under the rulebooks in force today: one
 * system when one of its events arrives, all of them when the date or the law changes. What changed is queued for the obligations topic.
 */
@Component
public class ObligationProjection {

    private static final Logger log = LoggerFactory.getLogger(ObligationProjection.class);
    private static final int PAGE = 500;

    private final ObligationEngine engine;
    private final Rulebooks rulebooks;
    private final ObligationRepository obligations;
    private final AiSystemRepository systems;
    private final TransactionTemplate transactions;
    private final FeedQueue feed;
    private final Clock clock;

    public ObligationProjection(ObligationEngine engine, Rulebooks rulebooks, ObligationRepository obligations, AiSystemRepository systems,
            TransactionTemplate transactions, FeedQueue feed, Clock clock) {
        this.feed = feed;
        this.engine = engine;
        this.rulebooks = rulebooks;
        this.obligations = obligations;
        this.systems = systems;
        this.transactions = transactions;
        this.clock = clock;
    }

    public LocalDate today() {
        return LocalDate.now(clock);
    }

    /**
     * Re-evaluates the obligations of these systems (each at most once) for today after their events, set-wise; call within the
     * transaction that stored their states. The systems are queued for the obligations topic, in this order (their facts changed, even
     * when their obligations did not).
     */
    public void refresh(List<AiSystemRecord> states) {
        if (states.isEmpty()) {
            return;
        }
        LocalDate today = today();
        ApplicableRulebooks inForce = rulebooks.inForceOn(today);
        obligations.replaceAll(evaluate(states, inForce, today), today, false);
        feed.systems(states.stream().map(AiSystemRecord::id).toList());
    }

    /**
     * Re-evaluates every system, a page per transaction, each page set-wise; the systems whose obligations changed are queued for the
     * obligations topic. Returns how many systems it evaluated.
     */
    public int refreshAll() {
        LocalDate today = today();
        ApplicableRulebooks inForce = rulebooks.inForceOn(today);
        int count = forEachPage(page -> {
            Set<String> changed = obligations.replaceAll(evaluate(page, inForce, today), today, true);
            feed.systems(page.stream().map(AiSystemRecord::id).filter(changed::contains).toList());
        });
        log.info("Obligations of {} systems evaluated for {} under {}", count, today, inForce.all().stream().map(r -> r.id()).toList());
        return count;
    }

    /** Whether some system's obligations were evaluated on an earlier day, so that their statuses may be stale. */
    public boolean stale() {
        return obligations.anyEvaluatedBefore(today());
    }

    /** Walks every system in id order, a page of states per transaction; returns how many it walked. */
    public int forEachPage(Consumer<List<AiSystemRecord>> work) {
        int count = 0;
        String after = null;
        while (true) {
            String from = after;
            List<AiSystemRecord> page = transactions.execute(status -> {
                List<AiSystemRecord> states = systems.page(from, PAGE);
                work.accept(states);
                return states;
            });
            if (page == null || page.isEmpty()) {
                return count;
            }
            count += page.size();
            after = page.get(page.size() - 1).id();
        }
    }

    public void deleteAll() {
        obligations.deleteAll();
    }

    private List<ObligationRepository.Evaluated> evaluate(List<AiSystemRecord> states, ApplicableRulebooks inForce, LocalDate today) {
        List<ObligationRepository.Evaluated> evaluated = new ArrayList<>(states.size());
        for (AiSystemRecord state : states) {
            evaluated.add(new ObligationRepository.Evaluated(state.id(), state.organisation(), state.name(),
                    engine.evaluate(state.toFacts(), inForce, today)));
        }
        return evaluated;
    }
}
