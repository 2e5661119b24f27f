-- Calendar feed links: a calendar client fetches /feeds/{secret}/deadlines.ics without headers, so the link itself is the credential.
-- Each link belongs to the user who made it, for one organisation that user could view then; only the SHA-256 of its secret is stored,
-- and the user revokes it (revoked_at) whenever they want: the link then answers 404, like an unknown one.
CREATE TABLE calendar_feed (
    id            VARCHAR(40)  PRIMARY KEY,
    secret_sha256 VARCHAR(64)  NOT NULL UNIQUE,
    owner         VARCHAR(200) NOT NULL,
    organisation  VARCHAR(200) NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_used_at  TIMESTAMPTZ,
    revoked_at    TIMESTAMPTZ
);
CREATE INDEX calendar_feed_owner ON calendar_feed (owner, created_at);
