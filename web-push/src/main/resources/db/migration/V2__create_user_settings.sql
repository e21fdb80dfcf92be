-- What the service needs from user-preferences.v1: the language texts are rendered in.
CREATE TABLE user_settings (
	user_id    text        PRIMARY KEY,
	locale     text        NOT NULL,
	updated_at timestamptz
);
