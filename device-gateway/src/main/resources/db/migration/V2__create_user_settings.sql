-- What the gateway needs from user-preferences.v1: language, time zone and quiet hours.
CREATE TABLE user_settings (
	user_id     text        PRIMARY KEY,
	locale      text        NOT NULL,
	time_zone   text        NOT NULL,
	quiet_start time,
	quiet_end   time,
	updated_at  timestamptz NOT NULL
);
