-- Issue 16/17: channels behind one interface, messages that carry several alerts, simulations apart from real alerts,
-- acknowledgements, coverage.

-- The rule (in the rulebook file) makes an obligation critical when overdue on a high-risk system in use.
ALTER TABLE tracked_obligation ADD COLUMN critical_when_overdue BOOLEAN NOT NULL DEFAULT FALSE;
-- Rows written before the feed carried the rule's property: the two rules the notifier used to know by code.
UPDATE tracked_obligation SET critical_when_overdue = TRUE WHERE code IN ('ART27-FRIA', 'ART49-3-REGISTRATION');

ALTER TABLE alert ADD COLUMN system_paused BOOLEAN NOT NULL DEFAULT FALSE;
-- The latest acknowledgement of the alert's obligation when it was decided (JSON), named in the alert's messages.
ALTER TABLE alert ADD COLUMN acknowledgement TEXT;
-- False when no channel that reaches a person (mail) carries the alert: the organisation has no recipients for it.
ALTER TABLE alert ADD COLUMN routed BOOLEAN NOT NULL DEFAULT TRUE;
-- The platform's daily notice that reported this unrouted alert.
ALTER TABLE alert ADD COLUMN unrouted_notice_key VARCHAR(1000);
CREATE INDEX alert_unrouted ON alert (organisation) WHERE NOT routed;
CREATE INDEX alert_day ON alert (organisation, decided_on);

-- A message that carries several alerts (a system's mail of one horizon, an organisation's daily digest): which ones, recorded when
-- the message is planned, so that it holds the same alerts whenever it is sent. A message of one alert has the alert's key and no rows.
CREATE TABLE message_alert (
    message_key VARCHAR(1000) NOT NULL,
    alert_key   VARCHAR(1000) NOT NULL,
    PRIMARY KEY (message_key, alert_key)
);
CREATE INDEX message_alert_alert ON message_alert (alert_key);

-- Digests were a channel of their own, filled when first sent; now they are mails (channel EMAIL) whose alerts are recorded as above.
INSERT INTO message_alert (message_key, alert_key)
SELECT d.alert_key, a.alert_key
FROM delivery d JOIN alert a ON a.organisation = d.organisation AND a.email_digest
    AND (a.digest_key = d.alert_key OR (a.digest_key IS NULL AND d.status = 'PENDING'))
WHERE d.channel = 'EMAIL_DIGEST'
ON CONFLICT DO NOTHING;
UPDATE delivery SET channel = 'EMAIL' WHERE channel = 'EMAIL_DIGEST';
-- The coverage view reads what is not sent (failing, dead) by organisation and channel.
CREATE INDEX delivery_unsent ON delivery (organisation, channel) WHERE status <> 'SENT';

-- A CIO office's acknowledgement of an alert (who, when, note, owner), about the alert's obligation.
CREATE TABLE acknowledgement (
    id              BIGSERIAL PRIMARY KEY,
    alert_key       VARCHAR(1000) NOT NULL,
    organisation    VARCHAR(200)  NOT NULL,
    system_id       VARCHAR(100),
    code            VARCHAR(100),
    acknowledged_by VARCHAR(300)  NOT NULL,
    acknowledged_at TIMESTAMPTZ   NOT NULL,
    note            TEXT,
    owner           VARCHAR(200)
);
CREATE INDEX acknowledgement_alert ON acknowledgement (alert_key);
CREATE INDEX acknowledgement_obligation ON acknowledgement (system_id, code, acknowledged_at);

-- A look at another date than today: what a sweep then would decide, kept apart from real alerts (no real sweep reads these tables),
-- listed and discarded by administrators.
CREATE TABLE simulation (
    id             BIGSERIAL PRIMARY KEY,
    simulated_date DATE          NOT NULL,
    organisation   VARCHAR(200), -- null: every organisation
    origin         VARCHAR(20)   NOT NULL, -- API (POST /api/admin/simulations) or CLOCK (a sweep while the clock is set)
    requested_by   VARCHAR(300),
    created_at     TIMESTAMPTZ   NOT NULL,
    closed_at      TIMESTAMPTZ, -- a CLOCK simulation is closed when the clock is set to another date or back
    sandbox        TEXT          -- JSON: where the simulation's messages were sent (mail address, webhook URL; never the secret)
);
CREATE TABLE simulation_alert (
    simulation_id BIGINT        NOT NULL REFERENCES simulation (id) ON DELETE CASCADE,
    alert_key     VARCHAR(1000) NOT NULL,
    organisation  VARCHAR(200)  NOT NULL,
    alert         TEXT          NOT NULL, -- the alert as JSON
    PRIMARY KEY (simulation_id, alert_key)
);

-- Where a replay of the notifier's intake ends: records before these offsets are read again and notify nobody.
CREATE TABLE intake_replay (
    topic      VARCHAR(300) NOT NULL,
    partition  INTEGER      NOT NULL,
    end_offset BIGINT       NOT NULL,
    started_at TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (topic, partition)
);
