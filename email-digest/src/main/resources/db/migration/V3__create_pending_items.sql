-- Notifications waiting for a user's next digest. digest_id is set while a digest that
-- contains the item is being sent; a sent item is deleted.
CREATE TABLE pending_items (
    user_id         text        NOT NULL,
    notification_id text        NOT NULL,
    template_key    text        NOT NULL,
    params          jsonb       NOT NULL,
    content_url     text,
    critical        boolean     NOT NULL,
    updated_at      timestamptz NOT NULL,
    received_at     timestamptz NOT NULL,
    digest_id       uuid,
    PRIMARY KEY (user_id, notification_id)
);
CREATE INDEX pending_items_critical ON pending_items (received_at) WHERE critical AND digest_id IS NULL;
CREATE INDEX pending_items_digest ON pending_items (digest_id) WHERE digest_id IS NOT NULL;
CREATE INDEX pending_items_received ON pending_items (received_at);
