package eu.aiact.tracker.command.publish;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@code tracker.publisher.replay-on-start}: moves the publisher's position back before the first stored event while the context starts,
 * before Axon starts its processors (a JdbcTemplate is handed out only once Flyway has migrated). The position is written as a plain
 * GapAwareTrackingToken, as Axon's Jackson 3 serializer writes it and as migration V4 does; not with {@code resetTokens()} on the running
 * processor, which wraps it in a ReplayToken that this serializer cannot read back (the processor stops at its next claim), and which
 * raced the processor's own start.
 */
@Component
class PublisherReplay {

    private static final Logger log = LoggerFactory.getLogger(PublisherReplay.class);

    PublisherReplay(PublisherProperties properties, JdbcTemplate jdbc) {
        if (!properties.replayOnStart()) {
            return;
        }
        log.info("Re-publishing the whole event store to Kafka (tracker.publisher.replay-on-start)");
        byte[] token = ("{\"index\":" + jdbc.queryForObject("SELECT coalesce(min(globalindex), 1) - 1 FROM domainevententry", Long.class)
                + ",\"gaps\":[]}").getBytes(StandardCharsets.UTF_8);
        String type = GapAwareTrackingToken.class.getName();
        if (jdbc.update("UPDATE tokenentry SET token = ?, tokentype = ? WHERE processorname = ?", token, type,
                KafkaEventPublisher.PROCESSING_GROUP) == 0) {
            jdbc.update("INSERT INTO tokenentry (processorname, segment, token, tokentype, timestamp) VALUES (?, 0, ?, ?, ?)",
                    KafkaEventPublisher.PROCESSING_GROUP, token, type, Instant.now().toString());
        }
    }
}
