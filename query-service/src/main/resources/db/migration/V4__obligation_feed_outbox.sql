-- Messages the query service owes the obligations topic (read by the notifier), queued in the transaction that changed what they
-- report, sent by the feed publisher, deleted once the broker acknowledged them: a broker outage delays them, it never loses them.
CREATE TABLE feed_pending (
    message_key  VARCHAR(400) PRIMARY KEY,
    kind         VARCHAR(20)  NOT NULL,
    system_id    VARCHAR(100),
    version_id   VARCHAR(100),
    organisation VARCHAR(200),
    queued_at    TIMESTAMPTZ  NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX feed_pending_queued ON feed_pending (queued_at);
