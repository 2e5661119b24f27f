-- Every event the notifier has taken in, once per event id.
CREATE TABLE seen_event (
    event_id        VARCHAR(255) PRIMARY KEY,
    system_id       VARCHAR(100) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    event_type      VARCHAR(100) NOT NULL,
    organisation    VARCHAR(200),
    recorded_at     TIMESTAMPTZ  NOT NULL,
    seen_at         TIMESTAMPTZ  NOT NULL
);
CREATE INDEX seen_event_system ON seen_event (system_id, sequence_number);
