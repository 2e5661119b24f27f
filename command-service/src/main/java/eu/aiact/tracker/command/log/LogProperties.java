package eu.aiact.tracker.command.log;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The transparency log ({@code tracker.log.*}): the sequencer that integrates committed events into the hash chain and the Merkle tree,
 * and the signed checkpoints of its head.
 *
 * @param origin             names this log in every checkpoint it signs
 * @param sequencerEnabled   whether this instance integrates events (off only in tests that stop integration to stand for a crash)
 * @param pollInterval       how often the sequencer looks for newly committed events when it found none
 * @param batchSize          at most this many events per integration transaction
 * @param gapGrace           how long a gap in the global indexes may last before the sequencer asks whether the transaction holding it
 *                           is still open (a gap that closes sooner was a transaction that committed late)
 * @param probeTimeout       how long one such question waits for a transaction that still holds the missing index
 * @param checkpointInterval how often the head is signed while the log grows
 * @param checkpointsTopic   the Kafka topic every checkpoint is published to
 */
@ConfigurationProperties("tracker.log")
public record LogProperties(
        @DefaultValue("aiact-tracker/command-service") String origin,
        @DefaultValue("true") boolean sequencerEnabled,
        @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("250ms") Duration gapGrace,
        @DefaultValue("1s") Duration probeTimeout,
        @DefaultValue("10s") Duration checkpointInterval,
        @DefaultValue("aiact.checkpoints") String checkpointsTopic) {
}
