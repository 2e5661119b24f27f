-- What the notifier knows of each system: the latest SystemObligations message of the query service (older ones are ignored).
CREATE TABLE tracked_system (
    system_id             VARCHAR(100) PRIMARY KEY,
    organisation          VARCHAR(200) NOT NULL,
    system_name           VARCHAR(300),
    phase                 VARCHAR(20),
    paused                BOOLEAN      NOT NULL,
    risk_class            VARCHAR(20),
    experiment_started_on DATE,
    in_service_since      DATE,
    ended_on              DATE,
    system_version        BIGINT       NOT NULL,
    evaluated_on          DATE,
    evaluated_at          TIMESTAMPTZ  NOT NULL,
    received_at           TIMESTAMPTZ  NOT NULL
);

-- Every obligation of every tracked system, with the system facts an alert needs; replaced per SystemObligations message.
CREATE TABLE tracked_obligation (
    system_id             VARCHAR(100) NOT NULL REFERENCES tracked_system (system_id) ON DELETE CASCADE,
    code                  VARCHAR(100) NOT NULL,
    organisation          VARCHAR(200) NOT NULL,
    system_name           VARCHAR(300),
    title                 VARCHAR(500),
    article               VARCHAR(200),
    bearer                VARCHAR(40),
    due_date              DATE,
    status                VARCHAR(20)  NOT NULL,
    rulebook              VARCHAR(100),
    reason                TEXT,
    source                TEXT,
    phase                 VARCHAR(20),
    paused                BOOLEAN      NOT NULL,
    risk_class            VARCHAR(20),
    experiment_started_on DATE,
    in_service_since      DATE,
    PRIMARY KEY (system_id, code)
);
CREATE INDEX tracked_obligation_organisation ON tracked_obligation (organisation);

-- Who receives an organisation's alerts.
CREATE TABLE recipients (
    organisation   VARCHAR(200) PRIMARY KEY,
    cio_office     VARCHAR(320),
    reviewers      TEXT         NOT NULL, -- JSON array of addresses
    webhook_url    VARCHAR(2000),
    webhook_secret VARCHAR(500),
    digest         BOOLEAN      NOT NULL,
    updated_at     TIMESTAMPTZ  NOT NULL
);

-- Every alert ever decided, once per deterministic key (the outbox: written in the transaction that decides it).
CREATE TABLE alert (
    id            BIGSERIAL PRIMARY KEY,
    alert_key     VARCHAR(1000) NOT NULL UNIQUE,
    kind          VARCHAR(40)   NOT NULL,
    severity      VARCHAR(20)   NOT NULL,
    audience      VARCHAR(20)   NOT NULL,
    organisation  VARCHAR(200)  NOT NULL,
    system_id     VARCHAR(100),
    system_name   VARCHAR(300),
    code          VARCHAR(100),
    title         VARCHAR(500),
    article       VARCHAR(200),
    source        TEXT,
    due_date      DATE,
    days_left     INTEGER,
    horizon_days  INTEGER,
    reason        TEXT,
    summary       TEXT          NOT NULL,
    dashboard_url VARCHAR(2000),
    moves         TEXT, -- JSON array, for a deadlines-moved notice
    decided_on    DATE          NOT NULL,
    created_at    TIMESTAMPTZ   NOT NULL,
    email_digest  BOOLEAN       NOT NULL DEFAULT FALSE,
    digest_key    VARCHAR(1000) -- the digest mail that carries it, once claimed
);
CREATE INDEX alert_organisation ON alert (organisation, created_at);
CREATE INDEX alert_system ON alert (system_id);
CREATE INDEX alert_unsent_digest ON alert (organisation) WHERE email_digest AND digest_key IS NULL;

-- One row per alert (or digest) and channel: the dispatcher's work list, retries and dead letters.
CREATE TABLE delivery (
    id              BIGSERIAL PRIMARY KEY,
    alert_key       VARCHAR(1000) NOT NULL,
    channel         VARCHAR(20)   NOT NULL,
    organisation    VARCHAR(200)  NOT NULL,
    status          VARCHAR(20)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_error      TEXT,
    sent_at         TIMESTAMPTZ,
    created_at      TIMESTAMPTZ   NOT NULL,
    UNIQUE (alert_key, channel)
);
CREATE INDEX delivery_due ON delivery (next_attempt_at) WHERE status = 'PENDING';
