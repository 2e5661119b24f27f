package eu.aiact.tracker.query.obligation;

import eu.aiact.tracker.domain.obligation.ObligationEngine;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;
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
    /** The first key of the session advisory lock of the daily re-evaluation. */
    private static final int REFRESH_LOCK = 210_023;

    private final ObligationEngine engine;
    private final Rulebooks rulebooks;
    private final ObligationRepository obligations;
    private final AiSystemRepository systems;
    private final TransactionTemplate transactions;
    private final FeedQueue feed;
    private final Clock clock;
    private final DataSource dataSource;

    public ObligationProjection(ObligationEngine engine, Rulebooks rulebooks, ObligationRepository obligations, AiSystemRepository systems,
            TransactionTemplate transactions, FeedQueue feed, Clock clock, DataSource dataSource) {
        this.dataSource = dataSource;
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

    /**
     * The day's re-evaluation of every system, once whatever the number of instances of the service: the instance that gets the
     * database's lock evaluates them when some were evaluated on an earlier day; the others (at the same minute, or later that day) find
     * the lock taken or nothing stale and do nothing. Returns how many systems it evaluated.
     */
    public int refreshAllIfStale() {
        try (Connection connection = dataSource.getConnection()) {
            if (!Boolean.TRUE.equals(single(connection, "SELECT pg_try_advisory_lock(" + REFRESH_LOCK + ", 0)"))) {
                log.info("Another instance evaluates every system's obligations for {}", today());
                return 0;
            }
            try {
                return stale() ? refreshAll() : 0;
            } finally {
                single(connection, "SELECT pg_advisory_unlock(" + REFRESH_LOCK + ", 0)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the lock of the daily re-evaluation", e);
        }
    }

    private static Boolean single(Connection connection, String sql) throws SQLException {
        try (var statement = connection.createStatement(); var rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getBoolean(1);
        }
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

    /** The rulebooks in force on {@code day} (for a rebuild, which evaluates every system once, at its end). */
    public ApplicableRulebooks inForceOn(LocalDate day) {
        return rulebooks.inForceOn(day);
    }

    /** Evaluates these systems' obligations on {@code today} under these rulebooks, without storing them. */
    public List<ObligationRepository.Evaluated> evaluate(List<AiSystemRecord> states, ApplicableRulebooks inForce, LocalDate today) {
        List<ObligationRepository.Evaluated> evaluated = new ArrayList<>(states.size());
        for (AiSystemRecord state : states) {
            evaluated.add(new ObligationRepository.Evaluated(state.id(), state.organisation(), state.name(),
                    engine.evaluate(state.toFacts(), inForce, today)));
        }
        return evaluated;
    }
}
