-- Tamper evidence: a hash chain over the event store. Each appended event gets a link whose hash covers the event's content and the
-- hash of the link before: hash(n) = sha256(hash(n-1) || content(n)), from 32 zero bytes. The encoding of content(n) is the one of
-- eu.aiact.tracker.api.audit.EventChain (length-prefixed fields), so that the verify endpoint and the offline audit tool recompute it.
-- A trigger computes it in the transaction that appends the event, one append at a time (an advisory lock orders the links).
CREATE TABLE event_chain (
    position         BIGINT       PRIMARY KEY,
    global_index     BIGINT       NOT NULL UNIQUE,
    event_identifier VARCHAR(255) NOT NULL UNIQUE,
    previous_hash    BYTEA        NOT NULL,
    hash             BYTEA        NOT NULL,
    chained_at       TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);

CREATE FUNCTION chain_text(value TEXT) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1)
                ELSE int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
$$;

CREATE FUNCTION chain_bytes(value BYTEA) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN int4send(-1) ELSE int4send(length(value)) || value END
$$;

CREATE FUNCTION chain_content(e domainevententry) RETURNS BYTEA LANGUAGE sql IMMUTABLE AS $$
    SELECT chain_text(e.eventidentifier) || chain_text(e.aggregateidentifier) || int8send(e.sequencenumber) || chain_text(e.type)
        || chain_text(e.timestamp) || chain_text(e.payloadtype) || chain_text(e.payloadrevision) || chain_bytes(e.payload)
        || chain_bytes(e.metadata)
$$;

CREATE FUNCTION chain_event() RETURNS TRIGGER LANGUAGE plpgsql AS $$
DECLARE
    last_position BIGINT;
    previous      BYTEA;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('aiact.event_chain'));
    SELECT position, hash INTO last_position, previous FROM event_chain ORDER BY position DESC LIMIT 1;
    IF last_position IS NULL THEN
        last_position := 0;
        previous := decode(repeat('00', 32), 'hex');
    END IF;
    INSERT INTO event_chain (position, global_index, event_identifier, previous_hash, hash)
    VALUES (last_position + 1, NEW.globalindex, NEW.eventidentifier, previous, sha256(previous || chain_content(NEW)));
    RETURN NULL;
END
$$;

-- Events stored before this migration are chained in the order of their global index.
DO $$
DECLARE
    e        domainevententry;
    n        BIGINT := 0;
    previous BYTEA := decode(repeat('00', 32), 'hex');
    current  BYTEA;
BEGIN
    FOR e IN SELECT * FROM domainevententry ORDER BY globalindex LOOP
        n := n + 1;
        current := sha256(previous || chain_content(e));
        INSERT INTO event_chain (position, global_index, event_identifier, previous_hash, hash)
        VALUES (n, e.globalindex, e.eventidentifier, previous, current);
        previous := current;
    END LOOP;
END
$$;

CREATE TRIGGER domainevententry_chain AFTER INSERT ON domainevententry FOR EACH ROW EXECUTE FUNCTION chain_event();
