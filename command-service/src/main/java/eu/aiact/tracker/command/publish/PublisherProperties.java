package eu.aiact.tracker.command.publish;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import eu.aiact.tracker.api.envelope.Topics;

/**
 * Settings of the event publisher ({@code tracker.publisher.*}).
 *
 * @param topic         the Kafka topic every stored event goes to
 * @param ackTimeout    how long to wait for the broker's acknowledgement of one event before the batch is retried
 * @param replayOnStart re-publish the whole event store at start-up, e.g. after a topic was lost or to feed a new consumer from the
 *                      topic; consumers drop what they have already seen
 */
@ConfigurationProperties("tracker.publisher")
public record PublisherProperties(
        @DefaultValue(Topics.EVENTS) String topic,
        @DefaultValue("30s") Duration ackTimeout,
        @DefaultValue("false") boolean replayOnStart) {
}
