-- A rebuild is one generation for every instance of the service: asked for once (REQUESTED), started once (the handler's tables are
-- emptied or made anew by whichever instance first gets partitions: REPLAYING), each partition replayed by whichever instance holds it
-- (from where it got: reached is written in the same transaction as what the replay wrote), and finished once, when every partition
-- reached the end offset it had when the generation started (DONE). A row that was here before means a rebuild that had not finished:
-- it is asked for again.
ALTER TABLE stream_rebuild
    ADD COLUMN generation        BIGINT      NOT NULL DEFAULT 1,
    ADD COLUMN status            VARCHAR(20) NOT NULL DEFAULT 'REQUESTED',
    ADD COLUMN replay_started_at TIMESTAMPTZ,
    ADD COLUMN finished_at       TIMESTAMPTZ;

-- The partitions of the running (or last) generation of each consumer: where each ended when it started, and how far it was replayed.
CREATE TABLE stream_rebuild_partition (
    consumer   VARCHAR(100) NOT NULL,
    topic      VARCHAR(255) NOT NULL,
    partition  INT          NOT NULL,
    end_offset BIGINT       NOT NULL,
    reached    BIGINT       NOT NULL DEFAULT 0,
    PRIMARY KEY (consumer, topic, partition)
);
