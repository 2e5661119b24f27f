-- The obligations of every system as the engine computes them for the service's today, kept up to date as events arrive, every day,
-- and whenever a rulebook version becomes applicable. Dashboards and the cross-system list read this table.
CREATE TABLE obligation (
    system_id    VARCHAR(100) NOT NULL,
    code         VARCHAR(100) NOT NULL,
    organisation VARCHAR(200) NOT NULL,
    system_name  VARCHAR(200) NOT NULL,
    title        TEXT         NOT NULL,
    article      VARCHAR(100) NOT NULL,
    bearer       VARCHAR(20),
    due_date     DATE,
    status       VARCHAR(20)  NOT NULL,
    rulebook     VARCHAR(100) NOT NULL,
    reason       TEXT         NOT NULL,
    source       TEXT,
    evaluated_on DATE         NOT NULL,
    PRIMARY KEY (system_id, code)
);
CREATE INDEX obligation_organisation_due ON obligation (organisation, due_date);
CREATE INDEX obligation_status_due ON obligation (status, due_date);
CREATE INDEX obligation_evaluated_on ON obligation (evaluated_on);

-- Each RulebookVersionApplied event: when a version of the law (or a national rule set) became the one that applies.
CREATE TABLE rulebook_application (
    version_id          VARCHAR(100) PRIMARY KEY,
    title               TEXT         NOT NULL,
    legal_source        TEXT         NOT NULL,
    effective_date      DATE         NOT NULL,
    event_id            VARCHAR(255) NOT NULL,
    recorded_at         TIMESTAMPTZ  NOT NULL,
    actor               VARCHAR(200),
    systems_recomputed  INT          NOT NULL DEFAULT 0,
    obligations_moved   INT          NOT NULL DEFAULT 0
);

-- What moved when a rulebook version became applicable: per system and obligation, the due date before and after.
-- An obligation the new version adds has no old date; one it drops has no new date.
CREATE TABLE obligation_change (
    id            BIGSERIAL    PRIMARY KEY,
    version_id    VARCHAR(100) NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    system_id     VARCHAR(100) NOT NULL,
    organisation  VARCHAR(200) NOT NULL,
    system_name   VARCHAR(200) NOT NULL,
    code          VARCHAR(100) NOT NULL,
    article       VARCHAR(100) NOT NULL,
    old_due_date  DATE,
    new_due_date  DATE,
    old_rulebook  VARCHAR(100),
    new_rulebook  VARCHAR(100),
    changed_at    TIMESTAMPTZ  NOT NULL,
    UNIQUE (event_id, system_id, code)
);
CREATE INDEX obligation_change_organisation ON obligation_change (organisation, changed_at);
CREATE INDEX obligation_change_system ON obligation_change (system_id);

-- Obligations are derived from the systems' events: replay the topic so that every system already known gets them.
INSERT INTO projection_rebuild (projection, reason) VALUES ('ai-system-projection', 'V3: obligations and rulebook applications')
ON CONFLICT (projection) DO UPDATE SET reason = excluded.reason, requested_at = now();
