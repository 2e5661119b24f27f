-- Messages on the events topic that could not be read (malformed JSON, an envelope without its fields, an unknown event type, a payload
-- that is not what its type says): kept here with the reason, and copied to the dead-letter topic, while processing goes on.
CREATE TABLE dead_letter (
    id          BIGSERIAL    PRIMARY KEY,
    topic       VARCHAR(255) NOT NULL,
    partition   INT          NOT NULL,
    "offset"    BIGINT       NOT NULL,
    message_key TEXT,
    value       TEXT,
    reason      TEXT         NOT NULL,
    received_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    UNIQUE (topic, partition, "offset")
);
