package eu.aiact.tracker.stream;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ids each consumer has processed ({@code stream_processed_event}): a message whose id was processed before (a redelivery after a
 * crash, a publisher's replay, a copy in the same poll) is dropped before its handler sees it. Written in the poll's transaction.
 */
public class ProcessedEvents {

    private final JdbcTemplate jdbc;

    public ProcessedEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The messages not processed before, in order, each id once; their ids are recorded as processed. Messages without an id pass. */
    public <T> List<StreamMessage<T>> unseen(String consumer, List<StreamMessage<T>> messages, Function<T, String> idOf) {
        Map<String, StreamMessage<T>> byId = new LinkedHashMap<>();
        List<StreamMessage<T>> result = new ArrayList<>(messages.size());
        boolean anyId = false;
        for (StreamMessage<T> message : messages) {
            String id = idOf.apply(message.value());
            if (id != null) {
                anyId = true;
                byId.putIfAbsent(id, message);
            }
        }
        if (!anyId) {
            return messages;
        }
        Set<String> fresh = new HashSet<>(jdbc.queryForList("""
                INSERT INTO stream_processed_event (consumer, event_id) SELECT ?, unnest(?::varchar[])
                ON CONFLICT DO NOTHING RETURNING event_id""", String.class, consumer, byId.keySet().toArray(String[]::new)));
        for (StreamMessage<T> message : messages) {
            String id = idOf.apply(message.value());
            if (id == null || (fresh.remove(id) && byId.get(id) == message)) {
                result.add(message);
            }
        }
        return result;
    }

    /** Forgets what the consumer processed (a rebuild). */
    public void forget(String consumer) {
        jdbc.update("DELETE FROM stream_processed_event WHERE consumer = ?", consumer);
    }
}
