-- Browsers' push subscriptions. An endpoint is one browser profile's channel at its push
-- service, so it belongs to one user at a time (the last who subscribed in that browser).
-- delivered_seq: the last change of the user sent to this subscription, so a change
-- redelivered by Kafka (after a restart or a retried poll) is not sent to it again.
CREATE TABLE subscription (
	id            uuid        PRIMARY KEY,
	user_id       text        NOT NULL,
	endpoint      text        NOT NULL UNIQUE,
	p256dh        text        NOT NULL,
	auth          text        NOT NULL,
	created_at    timestamptz NOT NULL,
	delivered_seq bigint      NOT NULL DEFAULT 0
);

CREATE INDEX subscription_user_idx ON subscription (user_id, created_at);
