-- The transparency log, off the append's critical path. Until now a trigger chained every appended event in the appending transaction,
-- one append at a time under a global advisory lock (V3). From here on appends take no global lock: the sequencer of the command
-- service (eu.aiact.tracker.command.log.Sequencer) integrates committed events soon after their commit, in the order of their global
-- index, into the hash chain (event_chain, unchanged) and into an RFC 9162 Merkle tree (merkle_node), and signs checkpoints of the
-- tree's head (log_checkpoint) with a key that is not in this database.
DROP TRIGGER domainevententry_chain ON domainevententry;
DROP FUNCTION chain_event();

-- Every append claims its global index in its own transaction, before its row is written. A global index is taken from the sequence
-- before the transaction commits, so indexes commit out of order and a rolled-back transaction leaves a gap for ever. The sequencer
-- integrates only a contiguous committed prefix: when a gap has lasted a moment, it inserts a tombstone claim for the missing index
-- (rolled_back = true). That insert waits while the transaction holding the index is still open (the unique key), succeeds only once
-- no one holds it, and from then on the index can never be committed: no event is committed and never integrated.
CREATE TABLE event_index_claim (
    global_index BIGINT  PRIMARY KEY,
    rolled_back  BOOLEAN NOT NULL DEFAULT false
);

-- An append whose index the sequencer gave up (it stalled for longer than the sequencer's grace between taking the index and this
-- trigger) fails as a serialization failure: nothing is stored, and the command can be sent again.
CREATE FUNCTION claim_event_index() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO event_index_claim (global_index) VALUES (NEW.globalindex) ON CONFLICT (global_index) DO NOTHING;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'global index % was given up as rolled back by the log''s sequencer; nothing is stored, send the command again',
            NEW.globalindex USING ERRCODE = '40001';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER domainevententry_claim BEFORE INSERT ON domainevententry FOR EACH ROW EXECUTE FUNCTION claim_event_index();

-- The Merkle tree: the hash of every perfect subtree, node (level, idx) covering leaves [idx * 2^level, (idx + 1) * 2^level); level 0
-- holds the leaf hashes, SHA-256(0x00 || content of the event at chain position idx + 1). Events chained before this migration become
-- leaves when the command service next starts.
CREATE TABLE merkle_node (
    level SMALLINT NOT NULL,
    idx   BIGINT   NOT NULL,
    hash  BYTEA    NOT NULL,
    PRIMARY KEY (level, idx)
);

-- Signed checkpoints of the log's head (eu.aiact.tracker.api.audit.Checkpoint); published to Kafka once published is true.
CREATE TABLE log_checkpoint (
    tree_size  BIGINT      PRIMARY KEY,
    origin     TEXT        NOT NULL,
    root_hash  BYTEA       NOT NULL,
    chain_hash BYTEA       NOT NULL,
    issued_at  TIMESTAMPTZ NOT NULL,
    key_id     TEXT        NOT NULL,
    signature  TEXT        NOT NULL,
    published  BOOLEAN     NOT NULL DEFAULT false
);
CREATE INDEX log_checkpoint_unpublished ON log_checkpoint (tree_size) WHERE NOT published;
