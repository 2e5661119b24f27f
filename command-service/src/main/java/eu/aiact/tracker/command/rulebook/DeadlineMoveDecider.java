package eu.aiact.tracker.command.rulebook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.axonframework.serialization.SerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import eu.aiact.tracker.api.rulebook.DeadlinesMoved;
import eu.aiact.tracker.domain.obligation.DeadlineMoves;
import eu.aiact.tracker.domain.obligation.ObligationEngine;
import eu.aiact.tracker.domain.rulebook.ApplicableRulebooks;
import eu.aiact.tracker.domain.rulebook.Rulebooks;
import eu.aiact.tracker.domain.system.AiSystemRecord;

/**
 * Decides, when a rulebook version is recorded as applicable, which due dates it moved: every AI system is folded from the event store
 * in one ordered pass (one system at a time in memory) and evaluated under the rulebooks in force the day before and from the day the
 * version took effect ({@link DeadlineMoves}). The result becomes {@link DeadlinesMoved} events, per organisation and in parts of at most
 * {@link DeadlinesMoved#MAX_MOVES} moves, recorded with the version's {@code RulebookVersionApplied}: what the records said then.
 */
@Component
public class DeadlineMoveDecider {

    private static final Logger log = LoggerFactory.getLogger(DeadlineMoveDecider.class);
    private static final int FETCH = 1000;

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Rulebooks rulebooks;
    private final DeadlineMoves moves = new DeadlineMoves(new ObligationEngine());
    private final Clock clock;

    public DeadlineMoveDecider(DataSource dataSource, @Qualifier("eventSerializer") Serializer serializer, Rulebooks rulebooks,
            Clock clock) {
        // a template of its own: the pass streams the event store in pages (in the command's transaction)
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH);
        this.serializer = serializer;
        this.rulebooks = rulebooks;
        this.clock = clock;
    }

    /** The moves of the version that takes effect on {@code effectiveDate}, as events, per organisation (by name) and part. */
    public List<DeadlinesMoved> decide(String versionId, LocalDate effectiveDate) {
        ApplicableRulebooks before;
        ApplicableRulebooks after;
        try {
            before = rulebooks.inForceOn(effectiveDate.minusDays(1));
            after = rulebooks.inForceOn(effectiveDate);
        } catch (IllegalArgumentException noneInForce) {
            return List.of(); // the first version: nothing was in force before it, so nothing moved
        }
        LocalDate today = LocalDate.now(clock);
        Map<String, List<DeadlinesMoved.Move>> byOrganisation = new TreeMap<>();
        int[] systems = {0};
        AiSystemRecord[] current = {null};
        String[] currentId = {null};
        Runnable finish = () -> {
            if (current[0] != null && current[0].exists()) {
                systems[0]++;
                for (DeadlineMoves.Move move : moves.of(current[0], before, after, today)) {
                    byOrganisation.computeIfAbsent(move.organisation(), k -> new ArrayList<>()).add(new DeadlinesMoved.Move(move.systemId(),
                            move.systemName(), move.code(), move.article(), move.oldDueDate(), move.newDueDate(), move.oldRulebook(),
                            move.newRulebook()));
                }
            }
        };
        jdbc.query("""
                SELECT aggregateidentifier, sequencenumber, payloadtype, payloadrevision, payload, timestamp FROM domainevententry
                WHERE type = 'AiSystem' ORDER BY aggregateidentifier, sequencenumber""", (ResultSet rs) -> {
            String id = rs.getString("aggregateidentifier");
            if (!id.equals(currentId[0])) {
                finish.run();
                current[0] = new AiSystemRecord();
                currentId[0] = id;
            }
            current[0].apply(payload(rs), rs.getLong("sequencenumber"), Instant.parse(rs.getString("timestamp")));
        });
        finish.run();
        List<DeadlinesMoved> events = new ArrayList<>();
        byOrganisation.forEach((organisation, own) -> {
            int parts = (own.size() + DeadlinesMoved.MAX_MOVES - 1) / DeadlinesMoved.MAX_MOVES;
            for (int part = 0; part < parts; part++) {
                events.add(new DeadlinesMoved(versionId, organisation, part + 1, parts, systems[0],
                        List.copyOf(own.subList(part * DeadlinesMoved.MAX_MOVES, Math.min(own.size(), (part + 1) * DeadlinesMoved.MAX_MOVES)))));
            }
        });
        log.info("Rulebook version {}: {} systems evaluated, {} due dates moved in {} organisations", versionId, systems[0],
                byOrganisation.values().stream().mapToInt(List::size).sum(), byOrganisation.size());
        return events;
    }

    private Object payload(ResultSet rs) throws SQLException {
        SerializedType type = new SimpleSerializedType(rs.getString("payloadtype"), rs.getString("payloadrevision"));
        return serializer.deserialize(new SimpleSerializedObject<>(rs.getBytes("payload"), byte[].class, type));
    }
}
