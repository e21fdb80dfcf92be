-- One row per e-mail: written as 'queued' (the intent, with the exact item set) before
-- any SMTP attempt, 'sending' while an attempt is in flight, then 'sent', 'failed' or
-- 'unknown' (an attempt was interrupted and may have been delivered: never resent).
CREATE TABLE email_log (
    digest_id  uuid PRIMARY KEY,
    user_id    text        NOT NULL,
    kind       text        NOT NULL CHECK (kind IN ('digest', 'critical')),
    status     text        NOT NULL CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'unknown')),
    recipient  text,
    subject    text        NOT NULL,
    item_ids   text[]      NOT NULL,
    attempts   int         NOT NULL DEFAULT 0,
    last_error text,
    message_id text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    sent_at    timestamptz
);
CREATE INDEX email_log_created ON email_log (created_at DESC, digest_id DESC);
CREATE INDEX email_log_user ON email_log (user_id, created_at DESC);
CREATE INDEX email_log_in_flight ON email_log (updated_at) WHERE status IN ('queued', 'sending');
