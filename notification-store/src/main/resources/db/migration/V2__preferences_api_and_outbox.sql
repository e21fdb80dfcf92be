-- When the user's current preferences row was created: unsubscribe tokens issued before it
-- belong to an earlier account with the same id (erased, id reused) and are refused.
-- Rows that exist before this migration get its time, so older links are refused too.
ALTER TABLE preferences ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- The digest frequency a one-click unsubscribe turned off, for its undo; NULL otherwise.
ALTER TABLE preferences ADD COLUMN unsubscribed_from text;

-- Preference changes waiting for user-preferences.v1, written in the transaction of the
-- change. payload: the Avro single-object encoding of UserPreferences, NULL = tombstone.
-- The relay deletes a row once Kafka acknowledged it, so an erased user leaves none behind.
CREATE TABLE preference_outbox (
	id bigserial PRIMARY KEY,
	user_id text NOT NULL,
	payload bytea,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX preference_outbox_user ON preference_outbox (user_id);
