-- A user's notifications. Actors are kept newest first (at most three) as JSON; actor_ids
-- holds every distinct actor id of an aggregate so that a repeated actor is not counted twice.
CREATE TABLE notifications (
	id uuid PRIMARY KEY,
	user_id text NOT NULL,
	type text NOT NULL,
	critical boolean NOT NULL DEFAULT false,
	content_type text,
	content_id text,
	content_title text,
	content_url text,
	content_thumbnail_url text,
	actors jsonb NOT NULL DEFAULT '[]',
	actor_ids text[] NOT NULL DEFAULT '{}',
	actor_count int NOT NULL DEFAULT 0,
	reaction text,
	comment_preview text,
	message_title text,
	message_body text,
	aggregate_key text,
	read boolean NOT NULL DEFAULT false,
	created_at timestamptz NOT NULL,
	updated_at timestamptz NOT NULL
);

-- Inbox pages (keyset on created_at, id) and the unread filter.
CREATE INDEX notifications_inbox ON notifications (user_id, created_at DESC, id DESC);
CREATE INDEX notifications_inbox_unread ON notifications (user_id, created_at DESC, id DESC) WHERE NOT read;
-- The open aggregate a new reaction or comment joins.
CREATE INDEX notifications_open_aggregate ON notifications (user_id, aggregate_key, created_at DESC) WHERE NOT read;
CREATE INDEX notifications_content ON notifications (content_type, content_id);
CREATE INDEX notifications_actor_ids ON notifications USING gin (actor_ids);
CREATE INDEX notifications_created ON notifications (created_at);

-- Per-user ledger: the last seq handed out and the exact unread count, both changed only
-- while this row is locked, in the transaction that changes the notifications.
CREATE TABLE user_state (
	user_id text PRIMARY KEY,
	seq bigint NOT NULL DEFAULT 0,
	unread_count int NOT NULL DEFAULT 0 CHECK (unread_count >= 0)
);

-- One row per NotificationChange: the change feed clients resume from, and the outbox the
-- relay publishes to notifications.v1 (payload: the Avro single-object encoding).
CREATE TABLE changes (
	id bigserial PRIMARY KEY,
	user_id text NOT NULL,
	seq bigint NOT NULL,
	kind text NOT NULL,
	payload bytea NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	published_at timestamptz,
	UNIQUE (user_id, seq)
);

CREATE INDEX changes_unpublished ON changes (id) WHERE published_at IS NULL;
CREATE INDEX changes_created ON changes (created_at);

-- Event ids already applied: a redelivered event changes nothing.
CREATE TABLE processed_events (
	event_id text PRIMARY KEY,
	processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX processed_events_processed ON processed_events (processed_at);

-- Notifications per actor -> recipient per hour, for the spam limit.
CREATE TABLE actor_rates (
	user_id text NOT NULL,
	actor_id text NOT NULL,
	hour timestamptz NOT NULL,
	count int NOT NULL,
	PRIMARY KEY (user_id, actor_id, hour)
);

-- A user's preferences; a user without a row gets the defaults (every type in-app and on
-- devices, e-mail digest off).
CREATE TABLE preferences (
	user_id text PRIMARY KEY,
	digest_frequency text NOT NULL DEFAULT 'OFF',
	digest_send_hour int NOT NULL DEFAULT 9,
	digest_weekday int NOT NULL DEFAULT 1,
	digest_minimum_unread int NOT NULL DEFAULT 1,
	quiet_start time,
	quiet_end time,
	time_zone text NOT NULL DEFAULT 'UTC',
	locale text NOT NULL DEFAULT 'en',
	muted_actors text[] NOT NULL DEFAULT '{}',
	muted_content text[] NOT NULL DEFAULT '{}',
	aggregation boolean NOT NULL DEFAULT true,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- Channel switches per notification type; a type without a row uses the defaults.
CREATE TABLE preference_types (
	user_id text NOT NULL REFERENCES preferences (user_id) ON DELETE CASCADE,
	type text NOT NULL,
	in_app boolean NOT NULL,
	device boolean NOT NULL,
	email boolean NOT NULL,
	PRIMARY KEY (user_id, type)
);
