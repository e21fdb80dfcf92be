-- Who follows which topic (a short key such as thread:9). The store owns these rows: users
-- change their own through the store's API, upstream services in bulk through
-- subscriptions.v1. A topic event fans out to the subscribers found when it starts.
CREATE TABLE subscriptions (
	topic text NOT NULL,
	user_id text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (topic, user_id)
);

-- A user's own list (GET /v1/subscriptions, paged by topic) and their erasure.
CREATE INDEX subscriptions_user ON subscriptions (user_id, topic);

-- A topic event is fanned out by the broadcast mechanism: a broadcast whose audience is
-- the topic's subscribers but the actor, and whose per-recipient events are copies of the
-- stored event (Avro single-object encoding of SocialEvent).
ALTER TABLE broadcasts ADD COLUMN audience_topic text;
ALTER TABLE broadcasts ADD COLUMN audience_except text;
ALTER TABLE broadcasts ADD COLUMN event bytea;
