-- stream-support's own tables, in the schema of the service that uses it (history table stream_schema_history, apart from the
-- service's own migrations).

-- Every record a consumer could not process, with where it was, why, and what an administrator did with it. The record's key and value
-- are kept as the bytes of their text (a value PostgreSQL refuses as text, a NUL say, is kept too).
CREATE TABLE stream_dead_letter (
    id               BIGSERIAL    PRIMARY KEY,
    consumer         VARCHAR(100) NOT NULL,
    topic            VARCHAR(255) NOT NULL,
    partition        INT,
    "offset"         BIGINT,
    record_timestamp TIMESTAMPTZ,
    message_key      BYTEA,
    value            BYTEA,
    reason           TEXT         NOT NULL,
    failure          VARCHAR(300) NOT NULL,
    attempts         INT          NOT NULL,
    status           VARCHAR(20)  NOT NULL DEFAULT 'DEAD',
    dead_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    resolved_at      TIMESTAMPTZ,
    resolved_by      VARCHAR(200),
    note             TEXT,
    -- when it was copied to <topic>.DLT (the notifier alerts the platform's administrators from there); null: not yet
    copied_at        TIMESTAMPTZ,
    UNIQUE (consumer, topic, partition, "offset")
);
CREATE INDEX stream_dead_letter_status ON stream_dead_letter (status, id);
CREATE INDEX stream_dead_letter_to_copy ON stream_dead_letter (id) WHERE copied_at IS NULL;

-- The event ids each consumer has processed: a copy (a redelivery, a publisher's replay) is dropped before its handler sees it.
CREATE TABLE stream_processed_event (
    consumer     VARCHAR(100) NOT NULL,
    event_id     VARCHAR(255) NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

-- A rebuild that has not finished: started again from the beginning when the consumer next gets its partitions (after a crash, say).
CREATE TABLE stream_rebuild (
    consumer   VARCHAR(100) PRIMARY KEY,
    started_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The query service kept its dead letters by hand in dead_letter (V5 of its own migrations): they move here, and that table goes.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'dead_letter'
               AND column_name = 'received_at') THEN
        INSERT INTO stream_dead_letter (consumer, topic, partition, "offset", message_key, value, reason, failure, attempts, dead_at,
                                        copied_at)
        SELECT 'ai-system-projection', topic, partition, "offset", convert_to(message_key, 'UTF8'), convert_to(value, 'UTF8'), reason,
               'unreadable', 1, received_at, received_at
        FROM dead_letter ON CONFLICT DO NOTHING;
        DROP TABLE dead_letter;
    END IF;
END $$;
