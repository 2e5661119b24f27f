-- The AI system projection. last_sequence is the sequence number of the last event applied: replays and duplicates are skipped.
CREATE TABLE ai_system (
    id            VARCHAR(100)  PRIMARY KEY,
    organisation  VARCHAR(200)  NOT NULL,
    name          VARCHAR(200)  NOT NULL,
    description   VARCHAR(2000) NOT NULL,
    phase         VARCHAR(20)   NOT NULL,
    registered_at TIMESTAMPTZ   NOT NULL,
    last_sequence BIGINT        NOT NULL,
    last_event_id VARCHAR(255)  NOT NULL
);
CREATE INDEX ai_system_organisation ON ai_system (organisation, name);
