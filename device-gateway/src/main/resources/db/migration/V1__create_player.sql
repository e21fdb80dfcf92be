-- The registry: a user's players. A player key belongs to exactly one user.
CREATE TABLE player (
	player_key           text        PRIMARY KEY,
	user_id              text        NOT NULL,
	name                 text        NOT NULL,
	enabled              boolean     NOT NULL,
	quiet_start          time,
	quiet_end            time,
	min_interval_seconds integer     NOT NULL CHECK (min_interval_seconds >= 0),
	created_at           timestamptz NOT NULL,
	updated_at           timestamptz NOT NULL,
	CHECK ((quiet_start IS NULL) = (quiet_end IS NULL))
);

CREATE INDEX player_user_idx ON player (user_id, player_key);
