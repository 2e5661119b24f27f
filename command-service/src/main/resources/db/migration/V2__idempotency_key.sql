-- Idempotency keys of commands, written in the same transaction as the command's events.
CREATE TABLE idempotency_key (
    key          VARCHAR(200) PRIMARY KEY,
    command_type VARCHAR(255) NOT NULL,
    fingerprint  CHAR(64)     NOT NULL,
    result       VARCHAR(255) NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
