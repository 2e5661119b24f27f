-- The AI system projection now keeps every recorded fact (as a JSON document, with the columns dashboards filter on) and the full
-- history of each system. The projection changed shape, so it is rebuilt from the events topic: see projection_rebuild.
DROP TABLE ai_system;
CREATE TABLE ai_system (
    id              VARCHAR(100) PRIMARY KEY,
    organisation    VARCHAR(200) NOT NULL,
    name            VARCHAR(200) NOT NULL,
    phase           VARCHAR(20)  NOT NULL,
    risk_class      VARCHAR(20)  NOT NULL,
    version         BIGINT       NOT NULL,
    last_changed_at TIMESTAMPTZ  NOT NULL,
    state           JSONB        NOT NULL
);
CREATE INDEX ai_system_organisation ON ai_system (organisation, name);
CREATE INDEX ai_system_phase ON ai_system (phase);
CREATE INDEX ai_system_risk_class ON ai_system (risk_class);

-- Every event of every system as received, with its metadata: the history auditors read, and what "as known on a date" folds.
CREATE TABLE system_event (
    event_id        VARCHAR(255) PRIMARY KEY,
    system_id       VARCHAR(100) NOT NULL,
    sequence_number BIGINT       NOT NULL,
    global_index    BIGINT,
    type            VARCHAR(100) NOT NULL,
    effective_date  DATE,
    recorded_at     TIMESTAMPTZ  NOT NULL,
    metadata        JSONB        NOT NULL,
    payload         JSONB        NOT NULL,
    UNIQUE (system_id, sequence_number)
);
CREATE INDEX system_event_recorded ON system_event (recorded_at);

-- A projection listed here is emptied and replayed from the start of the topic when its consumer next gets its partitions.
CREATE TABLE projection_rebuild (
    projection   VARCHAR(100) PRIMARY KEY,
    reason       TEXT         NOT NULL,
    requested_at TIMESTAMPTZ  NOT NULL DEFAULT now()
);
INSERT INTO projection_rebuild (projection, reason) VALUES ('ai-system-projection', 'V2: full system state and history');
