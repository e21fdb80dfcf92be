-- Last change seen per user (seq makes redelivered records harmless) and the unread count.
CREATE TABLE user_state (
	user_id      text    PRIMARY KEY,
	seq          bigint  NOT NULL,
	unread_count integer NOT NULL
);

-- Pacing per player: when the last message went out; while messages wait, the id of the
-- summary they will be released as and when they are due.
CREATE TABLE player_pacing (
	player_key   text PRIMARY KEY REFERENCES player ON DELETE CASCADE,
	last_sent_at timestamptz,
	summary_id   uuid,
	release_at   timestamptz
);

CREATE INDEX player_pacing_release_idx ON player_pacing (release_at) WHERE release_at IS NOT NULL;

-- Messages folded behind the pacing interval or held by quiet hours, until they are released.
CREATE TABLE pending_message (
	player_key      text        NOT NULL REFERENCES player ON DELETE CASCADE,
	notification_id text        NOT NULL,
	message         text        NOT NULL,
	held            boolean     NOT NULL,
	added_at        timestamptz NOT NULL,
	PRIMARY KEY (player_key, notification_id)
);
